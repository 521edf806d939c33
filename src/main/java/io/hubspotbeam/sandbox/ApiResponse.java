package io.hubspotbeam.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A finished answer: status, content type, body bytes (sent with a fixed Content-Length). */
record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
  static final String JSON = "application/json;charset=utf-8";

  static ApiResponse json(int status, JsonNode node) {
    try {
      return new ApiResponse(status, JSON, Json.MAPPER.writeValueAsBytes(node), Map.of());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a response", e);
    }
  }

  /** Writes a JSON body onto a generator. */
  interface JsonBody {
    void writeTo(JsonGenerator out) throws IOException;
  }

  /**
   * A JSON answer written as a stream rather than built as a tree: record pages with hundreds of
   * properties are megabytes, and a tree of them first doubled the server's work. The bytes
   * gather in segments (no copying as they grow), joined once at the end.
   */
  static ApiResponse streamed(int status, JsonBody body) {
    try (ByteArrayBuilder bytes = new ByteArrayBuilder(64 * 1024)) {
      try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(bytes)) {
        body.writeTo(out);
      }
      return new ApiResponse(status, JSON, bytes.toByteArray(), Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a response", e);
    }
  }

  static ApiResponse text(int status, String contentType, String text) {
    return new ApiResponse(status, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  static ApiResponse error(ApiException error) {
    return json(error.status(), error.body()).withHeaders(error.headers());
  }

  ApiResponse withHeaders(Map<String, String> extra) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.putAll(extra);
    return new ApiResponse(status, contentType, body, all);
  }
}
