package dev.coffer.metadata;

import dev.coffer.metadata.CatalogCommand.Choice;

/**
 * The identity commands (kinds 20-27 of {@code metadata/COMMANDS.md}): accounts, IAM users, access
 * keys, inline and managed policies. Every value is chosen before (ids, secrets already sealed,
 * times); {@link IamWriter} applies them. A null record or document means "delete".
 */
public final class IamCommands {
    private IamCommands() {}

    /** Creates ({@code record} not null; refused if the id exists) or deletes an account. */
    public record PutAccount(Choice choice, String id, AccountRecord record) implements CatalogCommand.Iam {}

    /** Creates ({@code record} not null) or deletes an IAM user. */
    public record PutUser(Choice choice, String account, String name, IamUserRecord record) implements CatalogCommand.Iam {}

    /** Adds an access key to an account's root or to a user (at most two each, as IAM). */
    public record CreateAccessKey(Choice choice, AccessKeyRecord key) implements CatalogCommand.Iam {}

    /** Sets a key Active or Inactive; {@code userName} null for the account root's keys. */
    public record SetAccessKeyStatus(Choice choice, String account, String userName, String accessKeyId,
                                     boolean active) implements CatalogCommand.Iam {}

    public record DeleteAccessKey(Choice choice, String account, String userName, String accessKeyId)
            implements CatalogCommand.Iam {}

    /** Puts (replaces) or, with a null document, deletes a user's inline policy. */
    public record PutUserPolicy(Choice choice, String account, String userName, String policyName, String document)
            implements CatalogCommand.Iam {}

    /** Creates ({@code record} not null; refused if the name exists) or deletes a managed policy. */
    public record PutManagedPolicy(Choice choice, String account, String name, ManagedPolicyRecord record)
            implements CatalogCommand.Iam {}

    /** Attaches or detaches an account's managed policy to or from a user. */
    public record AttachUserPolicy(Choice choice, String account, String userName, String policyName, boolean attach)
            implements CatalogCommand.Iam {}
}
