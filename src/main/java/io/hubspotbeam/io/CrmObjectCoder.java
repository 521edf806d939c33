package io.hubspotbeam.io;

import io.hubspotbeam.client.CrmObject;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.util.VarInt;

/**
 * Encodes {@link CrmObject}s compactly and deterministically, keeping the difference between a
 * null property value and an empty one, and the order of properties.
 */
public final class CrmObjectCoder extends AtomicCoder<CrmObject> {
  private static final CrmObjectCoder INSTANCE = new CrmObjectCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();

  private CrmObjectCoder() {}

  public static CrmObjectCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(CrmObject value, OutputStream out) throws IOException {
    if (value == null) {
      throw new CoderException("cannot encode a null CrmObject");
    }
    STRING.encode(value.objectType(), out);
    STRING.encode(value.id(), out);
    writeNullable(value.createdAt(), out);
    writeNullable(value.updatedAt(), out);
    new DataOutputStream(out).writeBoolean(value.archived());
    writeNullable(value.archivedAt(), out);
    VarInt.encode(value.properties().size(), out);
    for (Map.Entry<String, String> property : value.properties().entrySet()) {
      STRING.encode(property.getKey(), out);
      writeNullable(property.getValue(), out);
    }
  }

  @Override
  public CrmObject decode(InputStream in) throws IOException {
    String objectType = STRING.decode(in);
    String id = STRING.decode(in);
    String createdAt = readNullable(in);
    String updatedAt = readNullable(in);
    boolean archived = new DataInputStream(in).readBoolean();
    String archivedAt = readNullable(in);
    int count = VarInt.decodeInt(in);
    Map<String, String> properties = new LinkedHashMap<>(Math.max(16, count * 2));
    for (int i = 0; i < count; i++) {
      properties.put(STRING.decode(in), readNullable(in));
    }
    return new CrmObject(objectType, id, properties, createdAt, updatedAt, archived, archivedAt);
  }

  private static void writeNullable(String value, OutputStream out) throws IOException {
    if (value == null) {
      out.write(0);
    } else {
      out.write(1);
      STRING.encode(value, out);
    }
  }

  private static String readNullable(InputStream in) throws IOException {
    int marker = in.read();
    if (marker == 0) {
      return null;
    }
    if (marker != 1) {
      throw new CoderException("corrupt CrmObject encoding: null marker " + marker);
    }
    return STRING.decode(in);
  }

  @Override
  public void verifyDeterministic() {}
}
