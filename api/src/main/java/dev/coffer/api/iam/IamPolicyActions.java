package dev.coffer.api.iam;

import dev.coffer.metadata.IamCatalog;
import dev.coffer.metadata.IamSnapshot;
import dev.coffer.metadata.IamUserRecord;
import dev.coffer.metadata.ManagedPolicyRecord;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * IAM's policy actions: inline user policies (Put/Get/List/DeleteUserPolicy) and customer managed
 * policies (CreatePolicy, GetPolicy, GetPolicyVersion of v1, ListPolicies, DeletePolicy,
 * Attach/DetachUserPolicy, ListAttachedUserPolicies). Managed policies have one version, v1.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_Operations.html
 */
final class IamPolicyActions {
    private final IamCatalog iam;

    IamPolicyActions(IamCatalog iam) {
        this.iam = iam;
    }

    void register(Map<String, Function<IamRequest, byte[]>> actions) {
        actions.put("PutUserPolicy", this::putUserPolicy);
        actions.put("GetUserPolicy", this::getUserPolicy);
        actions.put("ListUserPolicies", this::listUserPolicies);
        actions.put("DeleteUserPolicy", this::deleteUserPolicy);
        actions.put("CreatePolicy", this::createPolicy);
        actions.put("GetPolicy", this::getPolicy);
        actions.put("GetPolicyVersion", this::getPolicyVersion);
        actions.put("ListPolicies", this::listPolicies);
        actions.put("DeletePolicy", this::deletePolicy);
        actions.put("AttachUserPolicy", r -> attach(r, true));
        actions.put("DetachUserPolicy", r -> attach(r, false));
        actions.put("ListAttachedUserPolicies", this::listAttached);
    }

    private byte[] putUserPolicy(IamRequest r) {
        String account = IamUserActions.account(r);
        String user = r.name("UserName", 128);
        String name = r.name("PolicyName", 128);
        String document = PolicyDocuments.check(r.required("PolicyDocument"));
        IamSnapshot s = iam.snapshot();
        int others = s.inlinePolicies(account, user).entrySet().stream().filter(e -> !e.getKey().equalsIgnoreCase(name))
                .mapToInt(e -> PolicyDocuments.size(e.getValue())).sum();
        if (s.user(account, user).isPresent() && others + PolicyDocuments.size(document) > PolicyDocuments.USER_INLINE_TOTAL) {
            throw new IamException(IamError.LimitExceeded, "Maximum policy size of " + PolicyDocuments.USER_INLINE_TOTAL
                    + " bytes exceeded for user " + user);
        }
        iam.putUserPolicy(account, user, name, document);
        return IamXml.response(r.action()).end(r.action(), r.requestId());
    }

    private byte[] getUserPolicy(IamRequest r) {
        String account = IamUserActions.account(r);
        String user = r.name("UserName", 128);
        String name = r.name("PolicyName", 128);
        IamSnapshot s = iam.snapshot();
        String shownUser = requireUser(s, account, user).name();
        Map.Entry<String, String> policy = s.inlinePolicies(account, user).entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IamException(IamError.NoSuchEntity,
                        "The user policy with name " + name + " cannot be found."));
        return IamXml.response(r.action()).open("GetUserPolicyResult").text("UserName", shownUser)
                .text("PolicyName", policy.getKey()).text("PolicyDocument", urlEncoded(policy.getValue()))
                .close("GetUserPolicyResult").end(r.action(), r.requestId());
    }

    private byte[] listUserPolicies(IamRequest r) {
        String account = IamUserActions.account(r);
        String user = r.name("UserName", 128);
        IamSnapshot s = iam.snapshot();
        requireUser(s, account, user);
        Page<String> page = Page.of(List.copyOf(s.inlinePolicies(account, user).keySet()), n -> n, r);
        IamXml x = IamXml.response(r.action()).open("ListUserPoliciesResult").open("PolicyNames");
        page.items().forEach(n -> x.text("member", n));
        x.close("PolicyNames");
        return page.tail(x).close("ListUserPoliciesResult").end(r.action(), r.requestId());
    }

    private byte[] deleteUserPolicy(IamRequest r) {
        iam.deleteUserPolicy(IamUserActions.account(r), r.name("UserName", 128), r.name("PolicyName", 128));
        return IamXml.response(r.action()).end(r.action(), r.requestId());
    }

    private byte[] createPolicy(IamRequest r) {
        r.refuse("Tags");
        String document = PolicyDocuments.check(r.required("PolicyDocument"));
        if (PolicyDocuments.size(document) > PolicyDocuments.MANAGED) {
            throw new IamException(IamError.LimitExceeded, "Cannot exceed quota for PolicySize: " + PolicyDocuments.MANAGED);
        }
        if (r.optional("Description") != null) {
            throw new IamException(IamError.NotImplemented, "Coffer does not implement Description for CreatePolicy.");
        }
        ManagedPolicyRecord policy = new ManagedPolicyRecord(IamUserActions.account(r), r.name("PolicyName", 128),
                IamIds.policyId(), r.path("Path"), document, System.currentTimeMillis());
        iam.createPolicy(policy);
        return policy(IamXml.response(r.action()).open("CreatePolicyResult"), "Policy", policy, 0)
                .close("CreatePolicyResult").end(r.action(), r.requestId());
    }

    private byte[] getPolicy(IamRequest r) {
        ManagedPolicyRecord policy = byArn(r, r.required("PolicyArn"));
        int attached = iam.snapshot().attachmentCount(policy.account(), policy.name());
        return policy(IamXml.response(r.action()).open("GetPolicyResult"), "Policy", policy, attached)
                .close("GetPolicyResult").end(r.action(), r.requestId());
    }

    private byte[] getPolicyVersion(IamRequest r) {
        ManagedPolicyRecord policy = byArn(r, r.required("PolicyArn"));
        String version = r.required("VersionId");
        if (!version.equals("v1")) {
            throw new IamException(IamError.NoSuchEntity, "Policy " + policy.arn() + " version " + version
                    + " does not exist or is not attachable.");
        }
        return IamXml.response(r.action()).open("GetPolicyVersionResult").open("PolicyVersion")
                .text("Document", urlEncoded(policy.document())).text("VersionId", "v1")
                .text("IsDefaultVersion", "true").time("CreateDate", policy.createdMillis())
                .close("PolicyVersion").close("GetPolicyVersionResult").end(r.action(), r.requestId());
    }

    /** Scope All or Local lists the account's policies; AWS managed policies Coffer has none of. */
    private byte[] listPolicies(IamRequest r) {
        r.refuse("PolicyUsageFilter");
        String account = IamUserActions.account(r);
        String scope = r.optional("Scope") == null ? "All" : r.optional("Scope");
        String prefix = r.optional("PathPrefix") == null ? "/" : r.optional("PathPrefix");
        boolean onlyAttached = "true".equals(r.optional("OnlyAttached"));
        IamSnapshot s = iam.snapshot();
        List<ManagedPolicyRecord> all = scope.equals("AWS") ? List.of() : s.managedPolicies(account).stream()
                .filter(p -> p.path().startsWith(prefix))
                .filter(p -> !onlyAttached || s.attachmentCount(account, p.name()) > 0).toList();
        Page<ManagedPolicyRecord> page = Page.of(all, ManagedPolicyRecord::name, r);
        IamXml x = IamXml.response(r.action()).open("ListPoliciesResult").open("Policies");
        page.items().forEach(p -> policy(x, "member", p, s.attachmentCount(account, p.name())));
        x.close("Policies");
        return page.tail(x).close("ListPoliciesResult").end(r.action(), r.requestId());
    }

    private byte[] deletePolicy(IamRequest r) {
        ManagedPolicyRecord policy = byArn(r, r.required("PolicyArn"));
        iam.deletePolicy(policy.account(), policy.name());
        return IamXml.response(r.action()).end(r.action(), r.requestId());
    }

    private byte[] attach(IamRequest r, boolean attach) {
        String user = r.name("UserName", 128);
        String arn = r.required("PolicyArn");
        String account = IamUserActions.account(r);
        requireUser(iam.snapshot(), account, user);
        ManagedPolicyRecord policy = byArn(r, arn);
        if (attach) iam.attachUserPolicy(account, user, policy.name());
        else iam.detachUserPolicy(account, user, policy.name());
        return IamXml.response(r.action()).end(r.action(), r.requestId());
    }

    private byte[] listAttached(IamRequest r) {
        String account = IamUserActions.account(r);
        String user = r.name("UserName", 128);
        IamSnapshot s = iam.snapshot();
        requireUser(s, account, user);
        String prefix = r.optional("PathPrefix") == null ? "/" : r.optional("PathPrefix");
        List<ManagedPolicyRecord> all = s.attachedPolicies(account, user).stream()
                .filter(p -> p.path().startsWith(prefix)).toList();
        Page<ManagedPolicyRecord> page = Page.of(all, ManagedPolicyRecord::name, r);
        IamXml x = IamXml.response(r.action()).open("ListAttachedUserPoliciesResult").open("AttachedPolicies");
        page.items().forEach(p -> x.open("member").text("PolicyName", p.name()).text("PolicyArn", p.arn()).close("member"));
        x.close("AttachedPolicies");
        return page.tail(x).close("ListAttachedUserPoliciesResult").end(r.action(), r.requestId());
    }

    private static IamUserRecord requireUser(IamSnapshot s, String account, String user) {
        return s.user(account, user).orElseThrow(() -> new IamException(IamError.NoSuchEntity,
                "The user with name " + user + " cannot be found."));
    }

    /** The caller's account's policy of that ARN; any other ARN (another account's, AWS's) is NoSuchEntity. */
    private ManagedPolicyRecord byArn(IamRequest r, String arn) {
        String prefix = "arn:aws:iam::";
        if (!arn.startsWith(prefix) || arn.indexOf(":policy/", prefix.length()) < 0) {
            throw new IamException(IamError.InvalidInput, "ARN " + arn + " is not valid.");
        }
        String account = IamUserActions.account(r);
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        return iam.snapshot().managedPolicy(account, name).filter(p -> p.arn().equals(arn))
                .orElseThrow(() -> new IamException(IamError.NoSuchEntity,
                        "Policy " + arn + " does not exist or is not attachable."));
    }

    private static IamXml policy(IamXml x, String element, ManagedPolicyRecord p, int attachments) {
        return x.open(element).text("PolicyName", p.name()).text("DefaultVersionId", "v1").text("PolicyId", p.policyId())
                .text("Path", p.path()).text("Arn", p.arn()).text("AttachmentCount", Integer.toString(attachments))
                .text("PermissionsBoundaryUsageCount", "0").text("IsAttachable", "true")
                .time("CreateDate", p.createdMillis()).time("UpdateDate", p.createdMillis()).close(element);
    }

    /** IAM returns policy documents URL-encoded (RFC 3986). */
    static String urlEncoded(String document) {
        return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
