package io.hubspotbeam.pipeline;

/** Two object types in a direction, as --associations and --join name them: FROM:TO. */
record ObjectPair(String from, String to) {
  @Override
  public String toString() {
    return from + ":" + to;
  }
}
