package io.hubspotbeam.pipeline;

/** A user input that cannot work; its message is one line naming the input and what is accepted. */
public final class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }
}
