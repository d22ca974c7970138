package dev.coffer.api.iam;

import dev.coffer.metadata.AccessKeyRecord;
import dev.coffer.metadata.IamCatalog;
import dev.coffer.metadata.IamSnapshot;
import dev.coffer.metadata.IamUserRecord;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * IAM's user and access-key actions: CreateUser, GetUser, ListUsers, DeleteUser, CreateAccessKey,
 * ListAccessKeys, UpdateAccessKey, DeleteAccessKey. Each runs blocking (catalogue commands), off
 * the event loop. https://docs.aws.amazon.com/IAM/latest/APIReference/API_Operations.html
 */
final class IamUserActions {
    private final IamCatalog iam;
    private final SecretSealer sealer;

    IamUserActions(IamCatalog iam, SecretSealer sealer) {
        this.iam = iam;
        this.sealer = sealer;
    }

    void register(Map<String, Function<IamRequest, byte[]>> actions) {
        actions.put("CreateUser", this::createUser);
        actions.put("GetUser", this::getUser);
        actions.put("ListUsers", this::listUsers);
        actions.put("DeleteUser", this::deleteUser);
        actions.put("CreateAccessKey", this::createAccessKey);
        actions.put("ListAccessKeys", this::listAccessKeys);
        actions.put("UpdateAccessKey", this::updateAccessKey);
        actions.put("DeleteAccessKey", this::deleteAccessKey);
    }

    private byte[] createUser(IamRequest r) {
        r.refuse("Tags", "PermissionsBoundary");
        IamUserRecord user = new IamUserRecord(account(r), r.name("UserName", 64), IamIds.userId(), r.path("Path"),
                System.currentTimeMillis());
        iam.createUser(user);
        return user(IamXml.response(r.action()).open("CreateUserResult"), "User", user)
                .close("CreateUserResult").end(r.action(), r.requestId());
    }

    /** Without UserName: the caller itself (for an account's root, the root user IAM describes). */
    private byte[] getUser(IamRequest r) {
        String name = r.optionalName("UserName", 128);
        IamXml x = IamXml.response(r.action()).open("GetUserResult");
        if (name == null && r.caller().isRoot()) {
            x.open("User").text("UserId", account(r)).text("Arn", r.caller().arn())
                    .time("CreateDate", r.caller().account().createdMillis()).close("User");
        } else {
            user(x, "User", requireUser(r, name == null ? r.caller().user().name() : name));
        }
        return x.close("GetUserResult").end(r.action(), r.requestId());
    }

    private byte[] listUsers(IamRequest r) {
        String prefix = r.optional("PathPrefix") == null ? "/" : r.optional("PathPrefix");
        List<IamUserRecord> users = iam.snapshot().users(account(r)).stream()
                .filter(u -> u.path().startsWith(prefix)).toList();
        Page<IamUserRecord> page = Page.of(users, IamUserRecord::name, r);
        IamXml x = IamXml.response(r.action()).open("ListUsersResult").open("Users");
        page.items().forEach(u -> user(x, "member", u));
        x.close("Users");
        return page.tail(x).close("ListUsersResult").end(r.action(), r.requestId());
    }

    private byte[] deleteUser(IamRequest r) {
        iam.deleteUser(account(r), r.name("UserName", 128));
        return IamXml.response(r.action()).end(r.action(), r.requestId());
    }

    private byte[] createAccessKey(IamRequest r) {
        String userName = userOrCaller(r);
        if (userName != null) requireUser(r, userName);
        String id = IamIds.accessKeyId();
        String secret = IamIds.secretKey();
        AccessKeyRecord key = new AccessKeyRecord(id, account(r), userName == null ? null : requireUser(r, userName).name(),
                sealer.seal(id, secret), true, System.currentTimeMillis());
        iam.createAccessKey(key);
        return IamXml.response(r.action()).open("CreateAccessKeyResult").open("AccessKey")
                .text("UserName", key.userName()).text("AccessKeyId", id).text("Status", "Active")
                .text("SecretAccessKey", secret).time("CreateDate", key.createdMillis())
                .close("AccessKey").close("CreateAccessKeyResult").end(r.action(), r.requestId());
    }

    private byte[] listAccessKeys(IamRequest r) {
        String userName = userOrCaller(r);
        if (userName != null) requireUser(r, userName);
        IamXml x = IamXml.response(r.action()).open("ListAccessKeysResult").open("AccessKeyMetadata");
        for (AccessKeyRecord k : iam.snapshot().accessKeys(account(r), userName)) {
            x.open("member").text("UserName", k.userName()).text("AccessKeyId", k.accessKeyId())
                    .text("Status", k.active() ? "Active" : "Inactive").time("CreateDate", k.createdMillis())
                    .close("member");
        }
        return x.close("AccessKeyMetadata").text("IsTruncated", "false").close("ListAccessKeysResult")
                .end(r.action(), r.requestId());
    }

    private byte[] updateAccessKey(IamRequest r) {
        String status = r.required("Status");
        if (!status.equals("Active") && !status.equals("Inactive")) {
            throw IamException.validation(status, "status", "Member must satisfy enum value set: [Active, Inactive]");
        }
        iam.setAccessKeyStatus(account(r), userOrCaller(r), r.required("AccessKeyId"), status.equals("Active"));
        return IamXml.response(r.action()).end(r.action(), r.requestId());
    }

    private byte[] deleteAccessKey(IamRequest r) {
        iam.deleteAccessKey(account(r), userOrCaller(r), r.required("AccessKeyId"));
        return IamXml.response(r.action()).end(r.action(), r.requestId());
    }

    /** The UserName parameter, else the caller's own user name (null for an account's root). */
    private static String userOrCaller(IamRequest r) {
        String name = r.optionalName("UserName", 128);
        if (name != null) return name;
        return r.caller().isRoot() ? null : r.caller().user().name();
    }

    private IamUserRecord requireUser(IamRequest r, String name) {
        IamSnapshot s = iam.snapshot();
        return s.user(account(r), name).orElseThrow(() ->
                new IamException(IamError.NoSuchEntity, "The user with name " + name + " cannot be found."));
    }

    static String account(IamRequest r) {
        return r.caller().account().id();
    }

    static IamXml user(IamXml x, String element, IamUserRecord u) {
        return x.open(element).text("Path", u.path()).text("UserName", u.name()).text("UserId", u.userId())
                .text("Arn", u.arn()).time("CreateDate", u.createdMillis()).close(element);
    }
}
