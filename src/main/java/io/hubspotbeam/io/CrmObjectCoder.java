package io.hubspotbeam.io;

import io.hubspotbeam.client.CrmObject;
import io.hubspotbeam.client.PropertyVersion;
import io.hubspotbeam.client.PropertyNames;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
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
    PropertyNames names = value.propertyNames();
    VarInt.encode(names.size(), out);
    for (int i = 0; i < names.size(); i++) {
      STRING.encode(names.get(i), out);
      writeNullable(value.propertyAt(i), out);
    }
    VarInt.encode(value.history().size(), out);
    for (PropertyVersion version : value.history()) {
      STRING.encode(version.property(), out);
      writeNullable(version.value(), out);
      writeNullable(version.timestamp(), out);
      writeNullable(version.sourceType(), out);
      writeNullable(version.sourceId(), out);
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
    List<String> names = new ArrayList<>(count);
    String[] values = new String[count];
    for (int i = 0; i < count; i++) {
      names.add(STRING.decode(in));
      values[i] = readNullable(in);
    }
    int versions = VarInt.decodeInt(in);
    List<PropertyVersion> history = new ArrayList<>(versions);
    for (int i = 0; i < versions; i++) {
      history.add(new PropertyVersion(STRING.decode(in), readNullable(in), readNullable(in),
          readNullable(in), readNullable(in)));
    }
    return new CrmObject(objectType, id, sharedNames(names), values, createdAt, updatedAt,
        archived, archivedAt, history);
  }

  /** Consecutive records of an object carry the same names: decode them into one instance. */
  private static final ThreadLocal<PropertyNames> LAST_NAMES = new ThreadLocal<>();

  private static PropertyNames sharedNames(List<String> names) {
    PropertyNames last = LAST_NAMES.get();
    if (last != null && last.size() == names.size()) {
      boolean same = true;
      for (int i = 0; i < names.size() && same; i++) {
        same = last.get(i).equals(names.get(i));
      }
      if (same) {
        return last;
      }
    }
    PropertyNames fresh = PropertyNames.of(names);
    LAST_NAMES.set(fresh);
    return fresh;
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
