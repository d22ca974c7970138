package dev.coffer.api.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The ACL model, its stored encoding, the AccessControlPolicy document and the ACL headers. */
class AclTest {
    static final String OWNER = "111122223333";
    static final String OTHER = "444455556666";
    static final String OWNER_CANONICAL = "a".repeat(64);
    static final String OTHER_CANONICAL = "b".repeat(64);

    static final AccountDirectory ACCOUNTS = new AccountDirectory() {
        public Optional<String> resolve(String id) {
            if (id.equals(OWNER) || id.equals(OWNER_CANONICAL)) return Optional.of(OWNER);
            if (id.equals(OTHER) || id.equals(OTHER_CANONICAL)) return Optional.of(OTHER);
            return Optional.empty();
        }

        public Shown show(String accountId) {
            return accountId.equals(OWNER) ? new Shown(OWNER_CANONICAL, "owner") : new Shown(OTHER_CANONICAL, "other");
        }
    };

    @ParameterizedTest
    @EnumSource(CannedAcl.class)
    void everyCannedAclSurvivesItsStoredEncodingAndItsDocument(CannedAcl canned) {
        Acl acl = canned.toAcl(OTHER, OWNER);
        assertThat(Acl.decode(acl.encode())).isEqualTo(acl);
        assertThat(AclXml.read(AclXml.write(acl, ACCOUNTS), ACCOUNTS)).isEqualTo(acl);
        assertThat(acl.grants().get(0)).isEqualTo(new Acl.Grant(Grantee.account(OTHER), Permission.FULL_CONTROL));
    }

    @Test
    void cannedAclsGrantWhatS3Documents() {
        assertThat(CannedAcl.PRIVATE.toAcl(OWNER, OWNER).isPrivate()).isTrue();
        assertThat(CannedAcl.PUBLIC_READ.toAcl(OWNER, OWNER).isPublic()).isTrue();
        assertThat(CannedAcl.AUTHENTICATED_READ.toAcl(OWNER, OWNER).isPublic()).isTrue();
        assertThat(CannedAcl.BUCKET_OWNER_FULL_CONTROL.toAcl(OTHER, OWNER).grants()).containsExactly(
                new Acl.Grant(Grantee.account(OTHER), Permission.FULL_CONTROL),
                new Acl.Grant(Grantee.account(OWNER), Permission.FULL_CONTROL));
        assertThat(CannedAcl.BUCKET_OWNER_FULL_CONTROL.toAcl(OWNER, OWNER).isPrivate()).isTrue();
        assertThat(CannedAcl.BUCKET_OWNER_READ.toAcl(OTHER, OWNER).grants()).contains(
                new Acl.Grant(Grantee.account(OWNER), Permission.READ));
        assertThat(CannedAcl.PUBLIC_READ_WRITE.toAcl(OWNER, OWNER).grants()).contains(
                new Acl.Grant(Grantee.group(Grantee.ALL_USERS), Permission.WRITE));
        assertThat(CannedAcl.LOG_DELIVERY_WRITE.toAcl(OWNER, OWNER).grants()).contains(
                new Acl.Grant(Grantee.group(Grantee.LOG_DELIVERY), Permission.READ_ACP));
    }

    @Test
    void fullControlCoversEveryPermissionAndIgnorePublicAclsDisregardsTheGroups() {
        Acl acl = CannedAcl.PUBLIC_READ.toAcl(OWNER, OWNER);
        List<Grantee> anonymous = List.of(Grantee.group(Grantee.ALL_USERS));
        assertThat(acl.grantTo(anonymous, Permission.READ, false)).isNotNull();
        assertThat(acl.grantTo(anonymous, Permission.READ, true)).isNull();
        assertThat(acl.grantTo(anonymous, Permission.WRITE, false)).isNull();
        assertThat(acl.grantTo(List.of(Grantee.account(OWNER)), Permission.WRITE_ACP, true)).isNotNull();
    }

    @Test
    void theDocumentIsS3sShapeWithXsiTypes() {
        String xml = new String(AclXml.write(CannedAcl.PUBLIC_READ.toAcl(OWNER, OWNER), ACCOUNTS), StandardCharsets.UTF_8);
        assertThat(xml).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<AccessControlPolicy xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<Owner><ID>" + OWNER_CANONICAL + "</ID><DisplayName>owner</DisplayName></Owner><AccessControlList>"
                + "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\">"
                + "<ID>" + OWNER_CANONICAL + "</ID><DisplayName>owner</DisplayName></Grantee>"
                + "<Permission>FULL_CONTROL</Permission></Grant>"
                + "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"Group\">"
                + "<URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee>"
                + "<Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>");
    }

    @Test
    void anAwsReferenceExampleBodyIsRead() {
        String body = """
                <AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                  <Owner><ID>%s</ID><DisplayName>CustomersName@amazon.com</DisplayName></Owner>
                  <AccessControlList>
                    <Grant>
                      <Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser">
                        <ID>%s</ID><DisplayName>CustomerName@amazon.com</DisplayName>
                      </Grantee>
                      <Permission>WRITE_ACP</Permission>
                    </Grant>
                    <Grant>
                      <Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group">
                        <URI>http://acs.amazonaws.com/groups/global/AuthenticatedUsers</URI>
                      </Grantee>
                      <Permission>READ</Permission>
                    </Grant>
                  </AccessControlList>
                </AccessControlPolicy>""".formatted(OWNER_CANONICAL, OTHER_CANONICAL);
        assertThat(AclXml.read(body.getBytes(StandardCharsets.UTF_8), ACCOUNTS)).isEqualTo(new Acl(OWNER, List.of(
                new Acl.Grant(Grantee.account(OTHER), Permission.WRITE_ACP),
                new Acl.Grant(Grantee.group(Grantee.AUTHENTICATED_USERS), Permission.READ))));
    }

    @Test
    void malformedDocumentsAreMalformedAclError() {
        String grant = "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\">"
                + "<ID>" + OWNER + "</ID></Grantee><Permission>%s</Permission></Grant>";
        for (String body : List.of("", "not xml", "<Other/>", "<AccessControlPolicy><AccessControlList/></AccessControlPolicy>",
                "<AccessControlPolicy><Owner><ID>" + OWNER + "</ID></Owner><AccessControlList>"
                        + grant.formatted("EVERYTHING") + "</AccessControlList></AccessControlPolicy>",
                "<AccessControlPolicy><Owner><ID>" + OWNER + "</ID></Owner><AccessControlList><Grant>"
                        + "<Grantee><ID>" + OWNER + "</ID></Grantee><Permission>READ</Permission></Grant>"
                        + "</AccessControlList></AccessControlPolicy>",
                "<AccessControlPolicy><Owner><ID>" + OWNER + "</ID></Owner><AccessControlList>"
                        + grant.formatted("READ") + "</AccessControlList>")) {
            assertThatThrownBy(() -> AclXml.read(body.getBytes(StandardCharsets.UTF_8), ACCOUNTS)).as(body)
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.MalformedACLError));
        }
    }

    @Test
    void headerGrantsResolveIdsAndGroupsAndRefuseEmailAndUnknownIds() {
        Map<String, String> headers = Map.of("x-amz-grant-read", "uri=\"" + Grantee.ALL_USERS + "\", id=\"" + OTHER_CANONICAL + "\"",
                "x-amz-grant-full-control", "id=" + OWNER);
        AclSpec spec = AclSpec.fromHeaders(headers::get, ACCOUNTS).orElseThrow();
        assertThat(spec.toAcl(OWNER, OWNER).grants()).containsExactly(
                new Acl.Grant(Grantee.account(OWNER), Permission.FULL_CONTROL),
                new Acl.Grant(Grantee.group(Grantee.ALL_USERS), Permission.READ),
                new Acl.Grant(Grantee.account(OTHER), Permission.READ));
        assertThat(code(Map.of("x-amz-grant-read", "emailAddress=\"a@example.com\""))).isEqualTo(
                S3ErrorCode.UnresolvableGrantByEmailAddress);
        assertThat(code(Map.of("x-amz-grant-read", "id=\"" + "c".repeat(64) + "\""))).isEqualTo(S3ErrorCode.InvalidArgument);
        assertThat(code(Map.of("x-amz-grant-read", "uri=\"http://example.com/group\""))).isEqualTo(S3ErrorCode.InvalidArgument);
        assertThat(code(Map.of("x-amz-acl", "public-read", "x-amz-grant-read", "id=" + OWNER))).isEqualTo(S3ErrorCode.InvalidRequest);
        assertThat(code(Map.of("x-amz-acl", "world-readable"))).isEqualTo(S3ErrorCode.InvalidArgument);
        assertThat(AclSpec.fromHeaders(Map.<String, String>of()::get, ACCOUNTS)).isEmpty();
    }

    @Test
    void ownershipSurvivesItsEncoding() {
        for (ObjectOwnership o : ObjectOwnership.values()) assertThat(ObjectOwnership.decode(o.encode())).isEqualTo(o);
        assertThat(ObjectOwnership.named("bucketownerenforced")).isEmpty();
    }

    private static S3ErrorCode code(Map<String, String> headers) {
        try {
            AclSpec.fromHeaders(headers::get, ACCOUNTS);
        } catch (S3Exception e) {
            return e.code();
        }
        return null;
    }
}
