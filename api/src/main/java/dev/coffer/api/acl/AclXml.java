package dev.coffer.api.acl;

import com.ctc.wstx.stax.WstxInputFactory;
import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3ErrorXml;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.xml.S3Xml;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_AccessControlPolicy.html">AccessControlPolicy</a>
 * document: written for GetBucketAcl and GetObjectAcl, read from PutBucketAcl and PutObjectAcl
 * bodies. Written by hand, because a grantee's type is the {@code xsi:type} attribute in the XML
 * Schema instance namespace. Read with StAX, DTDs off: anything not well-formed or not of the
 * schema's shape (no owner id, a grant without grantee, type or permission, an unknown permission
 * or grantee type) is MalformedACLError.
 */
public final class AclXml {
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final XMLInputFactory INPUT = inputFactory();

    private AclXml() {}

    public static byte[] write(Acl acl, AccountDirectory accounts) {
        StringBuilder xml = new StringBuilder(256 + acl.grants().size() * 256);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<AccessControlPolicy xmlns=\"").append(S3Xml.NAMESPACE)
                .append("\">");
        AccountDirectory.Shown owner = accounts.show(acl.owner());
        xml.append("<Owner>");
        element(xml, "ID", owner.canonicalId());
        element(xml, "DisplayName", owner.displayName());
        xml.append("</Owner><AccessControlList>");
        for (Acl.Grant g : acl.grants()) {
            xml.append("<Grant><Grantee xmlns:xsi=\"").append(XSI).append("\" xsi:type=\"");
            if (g.grantee().type() == Grantee.Type.ACCOUNT) {
                AccountDirectory.Shown shown = accounts.show(g.grantee().value());
                xml.append("CanonicalUser\">");
                element(xml, "ID", shown.canonicalId());
                element(xml, "DisplayName", shown.displayName());
            } else {
                xml.append("Group\">");
                element(xml, "URI", g.grantee().value());
            }
            xml.append("</Grantee>");
            element(xml, "Permission", g.permission().name());
            xml.append("</Grant>");
        }
        xml.append("</AccessControlList></AccessControlPolicy>");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void element(StringBuilder xml, String name, String text) {
        if (text == null) return;
        xml.append('<').append(name).append('>').append(S3ErrorXml.escapeText(text)).append("</").append(name).append('>');
    }

    /**
     * A PutBucketAcl or PutObjectAcl body, its grantees resolved.
     *
     * @return the ACL, its owner the account the body's Owner/ID names (the caller checks it is the resource's)
     */
    public static Acl read(byte[] body, AccountDirectory accounts) {
        if (body == null || body.length == 0) throw malformed();
        Parsed parsed = parse(body);
        String owner = AclSpec.resolveId(accounts, parsed.ownerId);
        List<Acl.Grant> grants = new ArrayList<>();
        for (RawGrant g : parsed.grants) {
            Permission permission = Permission.named(g.permission);
            if (permission == null || g.type == null) throw malformed();
            Grantee grantee = switch (g.type) {
                case "CanonicalUser" -> {
                    if (g.id == null) throw malformed();
                    yield Grantee.account(AclSpec.resolveId(accounts, g.id));
                }
                case "Group" -> {
                    if (g.uri == null) throw malformed();
                    if (!Grantee.isGroup(g.uri)) {
                        throw S3Exception.of(S3ErrorCode.InvalidArgument).withMessage("Invalid group uri")
                                .with("ArgumentName", "Group/URI").with("ArgumentValue", g.uri);
                    }
                    yield Grantee.group(g.uri);
                }
                case "AmazonCustomerByEmail" -> {
                    if (g.email == null) throw malformed();
                    throw AclSpec.unresolvableEmail(g.email);
                }
                default -> throw malformed();
            };
            grants.add(new Acl.Grant(grantee, permission));
        }
        if (grants.size() > Acl.MAX_GRANTS) throw malformed();
        return new Acl(owner, grants);
    }

    private record RawGrant(String type, String id, String uri, String email, String permission) {}

    private record Parsed(String ownerId, List<RawGrant> grants) {}

    private static Parsed parse(byte[] body) {
        XMLStreamReader r = null;
        try {
            r = INPUT.createXMLStreamReader(new ByteArrayInputStream(body));
            r.nextTag();
            if (!"AccessControlPolicy".equals(r.getLocalName())) throw malformed();
            String ownerId = null;
            List<RawGrant> grants = new ArrayList<>();
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "Owner" -> {
                        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                            String name = r.getLocalName();
                            String text = r.getElementText().trim();
                            if (name.equals("ID")) ownerId = text;
                        }
                    }
                    case "AccessControlList" -> {
                        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                            if (!"Grant".equals(r.getLocalName())) throw malformed();
                            grants.add(grant(r));
                        }
                    }
                    default -> skip(r);
                }
            }
            while (r.hasNext()) r.next();
            if (ownerId == null || ownerId.isEmpty()) throw malformed();
            return new Parsed(ownerId, grants);
        } catch (XMLStreamException | IllegalStateException e) {
            throw malformed().withCause(e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // memory only
                }
            }
        }
    }

    private static RawGrant grant(XMLStreamReader r) throws XMLStreamException {
        String type = null;
        String id = null;
        String uri = null;
        String email = null;
        String permission = null;
        boolean grantee = false;
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            switch (r.getLocalName()) {
                case "Grantee" -> {
                    grantee = true;
                    type = granteeType(r);
                    while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                        String name = r.getLocalName();
                        String text = r.getElementText().trim();
                        switch (name) {
                            case "ID" -> id = text;
                            case "URI" -> uri = text;
                            case "EmailAddress" -> email = text;
                            default -> { } // DisplayName, ignored as S3 ignores it
                        }
                    }
                }
                case "Permission" -> permission = r.getElementText().trim();
                default -> skip(r);
            }
        }
        if (!grantee || permission == null) throw malformed();
        return new RawGrant(type, id, uri, email, permission);
    }

    private static String granteeType(XMLStreamReader r) {
        for (int i = 0; i < r.getAttributeCount(); i++) {
            if ("type".equals(r.getAttributeLocalName(i)) && XSI.equals(r.getAttributeNamespace(i))) {
                return r.getAttributeValue(i);
            }
        }
        return null;
    }

    private static void skip(XMLStreamReader r) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) depth++;
            else if (event == XMLStreamConstants.END_ELEMENT) depth--;
        }
    }

    private static S3Exception malformed() {
        return S3Exception.of(S3ErrorCode.MalformedACLError);
    }

    private static XMLInputFactory inputFactory() {
        XMLInputFactory f = new WstxInputFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }
}
