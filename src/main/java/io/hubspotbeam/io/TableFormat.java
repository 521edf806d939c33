package io.hubspotbeam.io;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * How the elements of a PCollection become rows of CSV tables: which table each element goes to
 * and its cells, aligned with that table's header.
 *
 * @param <T> the element type
 */
public interface TableFormat<T> extends Serializable {
  /** Every table written, by name, with its header; each gets a file, even without rows. */
  Map<String, List<String>> headers();

  /** The table this element is a row of. */
  String tableOf(T element);

  /** The element's cells; null cells are written empty and unquoted. */
  List<String> cells(T element);

  /** Called once the element's row is in a shard file. */
  default void written(T element) {}
}
