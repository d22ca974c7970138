package dev.coffer.compat.support;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** XPath over S3's XML, namespaces ignored (S3 documents use the 2006-03-01 default namespace). */
public final class Xml {

    private Xml() {
    }

    /** The text of the first node matching the path, or {@code null} when there is none. */
    public static String text(String xml, String xpath) {
        List<String> all = texts(xml, xpath);
        return all.isEmpty() ? null : all.get(0);
    }

    public static List<String> texts(String xml, String xpath) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            Document doc = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath()
                    .evaluate(xpath, doc, XPathConstants.NODESET);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                out.add(nodes.item(i).getTextContent());
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + xml, e);
        }
    }
}
