package dev.coffer.api.xml;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import com.ctc.wstx.stax.WstxOutputFactory;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.codehaus.stax2.XMLOutputFactory2;
import org.codehaus.stax2.XMLStreamWriter2;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.dataformat.xml.XmlFactory;
import tools.jackson.dataformat.xml.XmlMapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/**
 * Writes S3 response documents and reads S3 request documents.
 *
 * <p>Writing: {@code <?xml version="1.0" encoding="UTF-8"?>}, a newline, then the document in UTF-8
 * without indentation; every element in the root's namespace (the records put their root in
 * {@link #NAMESPACE}); null fields omitted; text escaped as S3 escapes it ({@link dev.coffer.api.error.S3ErrorXml#escapeText}).
 *
 * <p>Reading: any parse error, an empty body, a DOCTYPE or a root element other than the type's
 * answers {@link S3ErrorCode#MalformedXML}. Unknown elements are ignored; namespaces are not
 * checked (clients send the S3 namespace or none). DTDs are not supported, so no entity — external
 * or internal — is ever expanded.
 *
 * <p>Thread-safe; one instance serves the whole server.
 */
public final class S3Xml {

    /** The namespace of S3 response documents. */
    public static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

    private static final byte[] DECLARATION =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".getBytes(StandardCharsets.UTF_8);

    private final XMLInputFactory inputFactory;
    private final XMLOutputFactory outputFactory;
    /** For the listings, which declare their one namespace themselves: no per-element repair. */
    private final XMLOutputFactory plainOutputFactory;
    private final XmlMapper mapper;

    public S3Xml() {
        inputFactory = new WstxInputFactory();
        inputFactory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        inputFactory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        inputFactory.setProperty(XMLInputFactory.IS_COALESCING, true);
        // Lets keys holding control characters, which S3 and Coffer write as &#1; etc., be read back.
        inputFactory.setProperty(WstxInputProperties.P_ALLOW_XML11_ESCAPED_CHARS_IN_XML10, true);

        outputFactory = outputFactory(true);
        plainOutputFactory = outputFactory(false);

        mapper = XmlMapper.builder(new XmlFactory(inputFactory, outputFactory))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // An absent <Quiet> reads as false.
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                // Element order is the records' component order, which follows the AWS reference.
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .changeDefaultPropertyInclusion(
                        incl -> JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .addModule(new S3TimestampModule())
                .build();
    }

    /**
     * Renders a response record (one annotated with {@link JacksonXmlRootElement}) to UTF-8 bytes
     * by Jackson's data binding; the listings have their own overloads, which stream.
     */
    public byte[] write(Object document) {
        return stream(outputFactory, document, xml -> mapper.writeValue(new DefaultNamespaceWriter(xml), document), 512)
                .toByteArray();
    }

    /** A Woodstox writer factory escaping text with {@link XmlText}, repairing namespaces or not. */
    private static XMLOutputFactory outputFactory(boolean repairingNamespaces) {
        XMLOutputFactory factory = new WstxOutputFactory();
        factory.setProperty(XMLOutputFactory.IS_REPAIRING_NAMESPACES, repairingNamespaces);
        factory.setProperty(XMLOutputFactory2.P_TEXT_ESCAPER, XmlText.INSTANCE);
        return factory;
    }

    /** Renders a ListObjects page (streamed, see {@link ListingXml}). */
    public byte[] write(ListBucketResult listing) {
        return bytes(render(listing));
    }

    /** Renders a ListObjectsV2 page (streamed, see {@link ListingXml}). */
    public byte[] write(ListBucketResultV2 listing) {
        return bytes(render(listing));
    }

    /** {@link #write(ListBucketResult)}'s bytes, in the buffer they were written to (no copy). */
    public ByteBuffer render(ListBucketResult listing) {
        return stream(plainOutputFactory, listing, w -> ListingXml.v1(w, listing),
                listingSize(listing.contents().size() + listing.commonPrefixes().size())).view();
    }

    /** {@link #write(ListBucketResultV2)}'s bytes, in the buffer they were written to (no copy). */
    public ByteBuffer render(ListBucketResultV2 listing) {
        return stream(plainOutputFactory, listing, w -> ListingXml.v2(w, listing),
                listingSize(listing.contents().size() + listing.commonPrefixes().size())).view();
    }

    /**
     * Room for a listing of {@code entries}, so that its buffer does not grow by doubling (a
     * 1,000-key page is ~180 KB: grown from 512 bytes it allocated ~700 KB). A Contents entry with a
     * short key takes ~180 bytes; pages of longer keys still grow it by doubling, from there.
     */
    private static int listingSize(int entries) {
        return 1024 + 192 * entries;
    }

    private static byte[] bytes(ByteBuffer view) {
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    private interface Body {
        void write(XMLStreamWriter2 xml) throws XMLStreamException, IOException;
    }

    /** A document's bytes, readable where they were written. */
    private static final class Output extends ByteArrayOutputStream {
        Output(int size) {
            super(size);
        }

        ByteBuffer view() {
            return ByteBuffer.wrap(buf, 0, count);
        }
    }

    private static Output stream(XMLOutputFactory factory, Object document, Body body, int size) {
        Output out = new Output(size);
        out.writeBytes(DECLARATION);
        try {
            XMLStreamWriter2 xml = (XMLStreamWriter2) factory.createXMLStreamWriter(out, "UTF-8");
            body.write(xml);
            xml.flush();
            xml.close();
        } catch (XMLStreamException | IOException | JacksonException e) {
            // Our own records failed to render: a bug or an unwritable character, not bad input.
            throw new IllegalStateException("cannot render " + document.getClass().getSimpleName(), e);
        }
        return out;
    }

    /**
     * Parses a request body into {@code type}, whose root element name is its
     * {@link JacksonXmlRootElement#localName()} or else its simple name.
     *
     * @throws S3Exception MalformedXML for an empty or malformed body or a different root element
     */
    public <T> T read(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            throw malformed(null);
        }
        XMLStreamReader reader = null;
        try {
            reader = inputFactory.createXMLStreamReader(new ByteArrayInputStream(body));
            reader.nextTag(); // skips the prolog's whitespace and comments; a DOCTYPE fails here
            if (!rootName(type).equals(reader.getLocalName())) {
                throw malformed(null);
            }
            T value = mapper.readValue(reader, type);
            while (reader.hasNext()) {
                reader.next(); // the rest of the document must be well-formed too
            }
            return value;
        } catch (XMLStreamException | IOException | JacksonException | IllegalArgumentException e) {
            throw malformed(e);
        } finally {
            close(reader);
        }
    }

    private static String rootName(Class<?> type) {
        JacksonXmlRootElement root = type.getAnnotation(JacksonXmlRootElement.class);
        return root != null && !root.localName().isEmpty() ? root.localName() : type.getSimpleName();
    }

    private static S3Exception malformed(Throwable cause) {
        S3Exception e = S3Exception.of(S3ErrorCode.MalformedXML);
        return cause == null ? e : e.withCause(cause);
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing held but memory
            }
        }
    }
}
