package io.hubspotbeam.io;

import io.hubspotbeam.client.Association;
import io.hubspotbeam.client.AssociationType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;

/** Encodes an {@link Association}: both ids, then each type's id, category and label. */
final class AssociationCoder extends AtomicCoder<Association> {
  private static final AssociationCoder INSTANCE = new AssociationCoder();
  private static final StringUtf8Coder TEXT = StringUtf8Coder.of();
  private static final NullableCoder<String> LABEL = NullableCoder.of(TEXT);
  private static final VarIntCoder INT = VarIntCoder.of();

  static AssociationCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Association association, OutputStream out) throws IOException {
    TEXT.encode(association.fromId(), out);
    TEXT.encode(association.toId(), out);
    INT.encode(association.types().size(), out);
    for (AssociationType type : association.types()) {
      INT.encode(type.typeId(), out);
      TEXT.encode(type.category(), out);
      LABEL.encode(type.label(), out);
    }
  }

  @Override
  public Association decode(InputStream in) throws IOException {
    String fromId = TEXT.decode(in);
    String toId = TEXT.decode(in);
    int count = INT.decode(in);
    if (count < 0) {
      throw new IOException("a negative type count: " + count);
    }
    List<AssociationType> types = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      types.add(new AssociationType(INT.decode(in), TEXT.decode(in), LABEL.decode(in)));
    }
    return new Association(fromId, toId, types);
  }
}
