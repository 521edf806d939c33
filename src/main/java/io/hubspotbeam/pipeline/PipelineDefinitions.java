package io.hubspotbeam.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Ready-made extractions: a definition is a file of options, one {@code --name=value} per line
 * ({@code #} starts a comment), named by {@code --pipeline=NAME}. Options given on the command line
 * replace the definition's line of the same name.
 *
 * <p>NAME is looked up as a file path, then as {@code pipelines/NAME.args} in the working
 * directory, then among the definitions built into the jar (the project's {@code pipelines/}
 * folder), so the same name works from a checkout and from the bundled jar anywhere.
 */
final class PipelineDefinitions {
  static final String OPTION = "--pipeline";
  private static final String FOLDER = "pipelines";
  private static final String SUFFIX = ".args";

  private PipelineDefinitions() {}

  /** The command line with the named definition's options in front; unchanged without one. */
  static String[] expand(String[] args) {
    String name = null;
    List<String> rest = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals(OPTION) || arg.startsWith(OPTION + "=")) {
        if (name != null) {
          throw new InvalidInputException(OPTION + " is given twice; give each option once");
        }
        name = arg.equals(OPTION) ? "" : arg.substring(OPTION.length() + 1).strip();
      } else {
        rest.add(arg);
      }
    }
    if (name == null) {
      return args;
    }
    if (name.isEmpty()) {
      throw new InvalidInputException(OPTION + " needs a name, e.g. " + OPTION
          + "=churn-training; known: " + String.join(", ", known()));
    }
    Set<String> given = new HashSet<>();
    for (String arg : rest) {
      given.add(optionName(arg));
    }
    List<String> merged = new ArrayList<>();
    for (String line : lines(name)) {
      if (!line.startsWith("--")) {
        throw new InvalidInputException("pipeline '" + name + "': '" + line + "' is not an"
            + " option (one --name=value per line)");
      }
      if (optionName(line).equals(OPTION)) {
        throw new InvalidInputException("pipeline '" + name + "' names another pipeline");
      }
      if (!given.contains(optionName(line))) {
        merged.add(line);
      }
    }
    merged.addAll(rest);
    return merged.toArray(new String[0]);
  }

  private static String optionName(String arg) {
    int equals = arg.indexOf('=');
    return equals < 0 ? arg : arg.substring(0, equals);
  }

  /** The option lines of a definition, without comments and blank lines. */
  static List<String> lines(String name) {
    String text;
    try {
      text = read(name);
    } catch (IOException e) {
      throw new InvalidInputException("pipeline '" + name + "' cannot be read: " + e.getMessage());
    }
    if (text == null) {
      throw new InvalidInputException("no pipeline named '" + name + "': looked for the file "
          + name + ", for " + FOLDER + "/" + name + SUFFIX + " and among the built-in ones; known: "
          + String.join(", ", known()));
    }
    List<String> lines = new ArrayList<>();
    for (String raw : text.split("\\R")) {
      String line = raw.strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        lines.add(line);
      }
    }
    return lines;
  }

  private static String read(String name) throws IOException {
    Path file = Paths.get(name);
    if (name.contains("/") || name.endsWith(SUFFIX)) {
      return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    }
    if (!name.matches("[A-Za-z0-9_-]+")) {
      return null;
    }
    Path local = Paths.get(FOLDER, name + SUFFIX);
    if (Files.isRegularFile(local)) {
      return Files.readString(local, StandardCharsets.UTF_8);
    }
    try (InputStream in = PipelineDefinitions.class.getClassLoader()
        .getResourceAsStream(FOLDER + "/" + name + SUFFIX)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The names of the definitions found in the working directory and built in. */
  static List<String> known() {
    Set<String> names = new TreeSet<>();
    Path local = Paths.get(FOLDER);
    if (Files.isDirectory(local)) {
      try (Stream<Path> files = Files.list(local)) {
        files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(SUFFIX))
            .forEach(n -> names.add(n.substring(0, n.length() - SUFFIX.length())));
      } catch (IOException ignored) {
        // Listing is for the error message only.
      }
    }
    URL folder = PipelineDefinitions.class.getClassLoader().getResource(FOLDER);
    if (folder != null) {
      try {
        if ("jar".equals(folder.getProtocol())) {
          JarFile jar = ((JarURLConnection) folder.openConnection()).getJarFile();
          Enumeration<JarEntry> entries = jar.entries();
          while (entries.hasMoreElements()) {
            String entry = entries.nextElement().getName();
            if (entry.startsWith(FOLDER + "/") && entry.endsWith(SUFFIX)) {
              names.add(entry.substring(FOLDER.length() + 1, entry.length() - SUFFIX.length()));
            }
          }
        } else if ("file".equals(folder.getProtocol())) {
          try (Stream<Path> files = Files.list(Paths.get(folder.toURI()))) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(SUFFIX))
                .forEach(n -> names.add(n.substring(0, n.length() - SUFFIX.length())));
          }
        }
      } catch (IOException | java.net.URISyntaxException | ClassCastException ignored) {
        // Listing is for the error message only.
      }
    }
    return new ArrayList<>(names);
  }
}
