package dev.coffer.api.xml;

import java.time.Instant;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/** Renders every {@link Instant} in an S3 document with {@link S3Timestamps}. */
final class S3TimestampModule extends SimpleModule {

    S3TimestampModule() {
        super("S3Timestamps");
        addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
                generator.writeString(S3Timestamps.format(value));
            }
        });
        addDeserializer(Instant.class, new StdDeserializer<>(Instant.class) {
            @Override
            public Instant deserialize(JsonParser parser, DeserializationContext context) {
                return S3Timestamps.parse(parser.getValueAsString());
            }
        });
    }
}
