package dev.coffer.api.xml;

import javax.xml.stream.XMLStreamException;
import org.codehaus.stax2.XMLStreamWriter2;
import org.codehaus.stax2.util.StreamWriter2Delegate;

/**
 * Puts child elements in the root element's namespace. Jackson writes properties without a
 * namespace, which under a namespaced root would come out as {@code <Name xmlns="">}; S3 documents
 * put every element in {@code http://s3.amazonaws.com/doc/2006-03-01/}.
 */
final class DefaultNamespaceWriter extends StreamWriter2Delegate {

    private String rootNamespace = "";

    DefaultNamespaceWriter(XMLStreamWriter2 delegate) {
        super(delegate);
        setParent(delegate); // the stax2 constructor leaves the typed-write delegate (writeInt, ...) unset
    }

    @Override
    public void writeStartElement(String localName) throws XMLStreamException {
        writeStartElement("", localName);
    }

    @Override
    public void writeStartElement(String namespaceUri, String localName) throws XMLStreamException {
        super.writeStartElement(namespace(namespaceUri), localName);
    }

    @Override
    public void writeStartElement(String prefix, String localName, String namespaceUri) throws XMLStreamException {
        super.writeStartElement(prefix, localName, namespace(namespaceUri));
    }

    private String namespace(String requested) {
        if (requested == null || requested.isEmpty()) {
            return rootNamespace;
        }
        if (rootNamespace.isEmpty()) {
            rootNamespace = requested;
        }
        return requested;
    }
}
