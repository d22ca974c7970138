package dev.coffer.api.xml;

import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes the two listing documents ({@link ListBucketResult}, {@link ListBucketResultV2}) element
 * by element through the StAX writer, not through Jackson's data binding: a 1,000-key page is
 * some 6,000 elements, and the bean serializer's per-property work was the largest share of a
 * page's time on the server (docs/benchmarks.md, issue 23). The bytes are the data binding's,
 * element for element (ListingXmlTest holds the two side by side); every other document still
 * goes through {@link S3Xml#write(Object)}.
 */
final class ListingXml {
    private ListingXml() {}

    static void v1(XMLStreamWriter w, ListBucketResult r) throws XMLStreamException {
        root(w);
        text(w, "Name", r.name());
        text(w, "Prefix", r.prefix());
        text(w, "Marker", r.marker());
        text(w, "NextMarker", r.nextMarker());
        text(w, "MaxKeys", Integer.toString(r.maxKeys()));
        text(w, "Delimiter", r.delimiter());
        text(w, "IsTruncated", Boolean.toString(r.isTruncated()));
        text(w, "EncodingType", r.encodingType());
        entries(w, r.contents(), r.commonPrefixes());
        w.writeEndElement();
    }

    static void v2(XMLStreamWriter w, ListBucketResultV2 r) throws XMLStreamException {
        root(w);
        text(w, "Name", r.name());
        text(w, "Prefix", r.prefix());
        text(w, "ContinuationToken", r.continuationToken());
        text(w, "NextContinuationToken", r.nextContinuationToken());
        text(w, "StartAfter", r.startAfter());
        text(w, "KeyCount", Integer.toString(r.keyCount()));
        text(w, "MaxKeys", Integer.toString(r.maxKeys()));
        text(w, "Delimiter", r.delimiter());
        text(w, "EncodingType", r.encodingType());
        text(w, "IsTruncated", Boolean.toString(r.isTruncated()));
        entries(w, r.contents(), r.commonPrefixes());
        w.writeEndElement();
    }

    /** The root declares the one namespace; the writer is not repairing, so no element checks it again. */
    private static void root(XMLStreamWriter w) throws XMLStreamException {
        w.writeStartElement("", "ListBucketResult", S3Xml.NAMESPACE);
        w.writeDefaultNamespace(S3Xml.NAMESPACE);
    }

    private static void entries(XMLStreamWriter w, List<S3Object> contents, List<CommonPrefix> prefixes)
            throws XMLStreamException {
        S3Timestamps.Run dates = new S3Timestamps.Run();
        for (S3Object o : contents) {
            w.writeStartElement("Contents");
            text(w, "Key", o.key());
            text(w, "LastModified", o.lastModified() == null ? null : dates.format(o.lastModified()));
            text(w, "ETag", o.eTag());
            text(w, "Size", Long.toString(o.size()));
            text(w, "StorageClass", o.storageClass());
            if (o.owner() != null) {
                w.writeStartElement("Owner");
                text(w, "ID", o.owner().id());
                text(w, "DisplayName", o.owner().displayName());
                w.writeEndElement();
            }
            w.writeEndElement();
        }
        for (CommonPrefix p : prefixes) {
            w.writeStartElement("CommonPrefixes");
            text(w, "Prefix", p.prefix());
            w.writeEndElement();
        }
    }

    /** One element of text; none at all for null (the data binding's NON_NULL inclusion). */
    private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        if (value == null) return;
        w.writeStartElement(name);
        w.writeCharacters(value);
        w.writeEndElement();
    }
}
