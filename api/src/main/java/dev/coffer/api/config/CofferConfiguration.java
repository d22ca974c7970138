package dev.coffer.api.config;

import dev.coffer.api.acl.AccountDirectory;
import dev.coffer.api.acl.AclGrants;
import dev.coffer.api.acl.AclHandlers;
import dev.coffer.api.acl.ObjectAcls;
import dev.coffer.api.acl.IdentityAccounts;
import dev.coffer.api.acl.NewBucketAcls;
import dev.coffer.api.service.AclService;
import dev.coffer.api.authz.AccessChecks;
import dev.coffer.api.authz.AdminAccess;
import dev.coffer.api.authz.DenialMetrics;
import dev.coffer.api.connection.ConnectionLimits;
import dev.coffer.api.cors.BucketCors;
import dev.coffer.api.cors.CorsStore;
import dev.coffer.api.cors.DriveCors;
import dev.coffer.api.handler.BucketEncryptionHandlers;
import dev.coffer.api.cors.PreflightHandler;
import dev.coffer.api.service.CatalogCorsStore;
import dev.coffer.api.handler.BucketCorsHandlers;
import dev.coffer.api.handler.BucketHandlers;
import dev.coffer.api.handler.CopyObjectHandler;
import dev.coffer.api.handler.DeleteObjectHandler;
import dev.coffer.api.handler.GetBucketVersioningHandler;
import dev.coffer.api.handler.ListObjectVersionsHandler;
import dev.coffer.api.handler.PutBucketVersioningHandler;
import dev.coffer.api.handler.DeleteObjectsHandler;
import dev.coffer.api.handler.GetObjectHandler;
import dev.coffer.api.handler.HeadObjectHandler;
import dev.coffer.api.handler.LifecycleHandlers;
import dev.coffer.api.lifecycle.ExpirationHeader;
import dev.coffer.api.lifecycle.LifecycleConfigs;
import dev.coffer.api.handler.ListObjectsHandlers;
import dev.coffer.api.handler.MultipartHandlers;
import dev.coffer.api.handler.ObjectLockHandlers;
import dev.coffer.api.lock.DefaultRetentions;
import dev.coffer.api.lock.ObjectLockService;
import dev.coffer.api.handler.Owners;
import dev.coffer.api.handler.PutObjectHandler;
import dev.coffer.api.acl.AccountDirectory;
import dev.coffer.api.acl.AclHandlers;
import dev.coffer.api.acl.IdentityAccounts;
import dev.coffer.api.acl.NewBucketAcls;
import dev.coffer.api.service.AclService;
import dev.coffer.api.admin.AccountsEndpoint;
import dev.coffer.api.handler.SmallBodies;
import dev.coffer.api.handler.TaggingHandlers;
import dev.coffer.api.ops.RootSignature;
import dev.coffer.api.iam.IamEndpoint;
import dev.coffer.api.iam.Identities;
import dev.coffer.api.iam.SecretSealer;
import dev.coffer.api.policy.BucketPolicies;
import dev.coffer.api.policy.BucketPolicyHandlers;
import dev.coffer.api.policy.PublicAccessBlockHandlers;
import dev.coffer.api.post.PostObjectHandler;
import dev.coffer.api.routing.S3RequestResolver;
import dev.coffer.api.server.ReservedPaths;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.server.S3HttpHandler;
import dev.coffer.api.service.BlockingIo;
import dev.coffer.api.service.BodyReceiver;
import dev.coffer.api.service.BucketService;
import dev.coffer.api.service.ChunkLeases;
import dev.coffer.api.service.ObjectPut;
import dev.coffer.api.service.ObjectService;
import dev.coffer.api.service.ObjectStreamer;
import dev.coffer.api.service.TaggingService;
import dev.coffer.api.sse.Encryption;
import dev.coffer.api.ui.BrowserRedirect;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.auth.CredentialsLookup;
import dev.coffer.auth.PostPolicyVerifier;
import dev.coffer.auth.RequestAuthenticator;
import dev.coffer.auth.policy.Authorizer;
import dev.coffer.auth.policy.Principal;
import dev.coffer.auth.policy.PrincipalLookup;
import dev.coffer.metadata.Catalog;
import io.micrometer.core.instrument.MeterRegistry;
import dev.coffer.storage.ChunkStore;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.HttpHandler;

/** Wires the server: storage, catalogue, authentication, and one handler per S3 operation. */
@Configuration(proxyBeanMethods = false)
public class CofferConfiguration {
    @Bean(destroyMethod = "close")
    BlockingIo blockingIo(CofferProperties props) {
        return new BlockingIo(props.ioThreads());
    }

    @Bean(destroyMethod = "close")
    ChunkStore chunkStore(CofferProperties props) throws IOException {
        DurableDirectories.create(props.dataDir());
        return ChunkStore.open(props.dataDir().resolve("chunks-store"), props.maxChunkSize(),
                props.diskReserve().toBytes());
    }

    @Bean(destroyMethod = "close")
    Catalog catalog(CofferProperties props) throws IOException {
        DurableDirectories.create(props.dataDir());
        return Catalog.open(props.dataDir().resolve("catalog"), props.syncWrites());
    }

    @Bean
    RootCredentials rootCredentials(CofferProperties props) throws IOException {
        return RootCredentials.resolve(props);
    }

    @Bean
    SecretSealer secretSealer(CofferProperties props, ClusterProperties cluster, RootCredentials root) throws IOException {
        DurableDirectories.create(props.dataDir());
        // A cluster's nodes seal under a key they all derive from the root secret they share.
        return cluster.enabled() ? SecretSealer.shared(props.dataDir(), root.secretKey())
                : SecretSealer.single(props.dataDir(), root.secretKey());
    }

    /** Accounts and their keys; creates the first account (the server root's) at first start. */
    @Bean
    Identities identities(Catalog catalog, RootCredentials root, SecretSealer sealer,
                          dev.coffer.api.cluster.ClusterRuntime cluster) {
        if (cluster.node().isEmpty()) return Identities.open(catalog.iam(), root, sealer);
        // A cluster's group may have no quorum yet, and a joining node is no member until added.
        cluster.onceMember("creating the first account", () -> Identities.ensureFirstAccount(catalog.iam(), root));
        return Identities.attach(catalog.iam(), root, sealer);
    }

    /** {@code /_coffer/admin/accounts}, signed by the server's root key. */
    @Bean
    ReservedPaths.Endpoint adminEndpoint(Identities identities, RootCredentials root, BlockingIo io) {
        RequestAuthenticator rootOnly = new RequestAuthenticator(accessKey -> accessKey.equals(root.accessKey())
                ? Optional.of(root.secretKey()) : Optional.empty(), Clock.systemUTC());
        return new ReservedPaths.Endpoint(AccountsEndpoint.PATH, new AccountsEndpoint(identities,
                new RootSignature(rootOnly, root.accessKey()), io));
    }

    /** The one Authorizer: S3 and IAM calls and the admin endpoints open to policies ask it. */
    @Bean
    Authorizer authorizer() {
        return new Authorizer();
    }

    @Bean
    DenialMetrics denialMetrics(ObjectProvider<MeterRegistry> registry) {
        return new DenialMetrics(registry.getIfAvailable());
    }

    /** Who may call an admin endpoint by policy ({@code admin:ServerInfo}, …), as the S3 calls are authorized. */
    @Bean
    AdminAccess adminAccess(Identities identities, AuthProperties auth, Authorizer authorizer, DenialMetrics denials) {
        return new AdminAccess(new RequestAuthenticator(identities.credentials(), Clock.systemUTC(), auth.sigv2Enabled()),
                identities, authorizer, denials);
    }

    @Bean
    ChunkLeases chunkLeases() {
        return new ChunkLeases();
    }

    @Bean
    HttpHandler httpHandler(CofferProperties props, AuthProperties auth, PublicAccessProperties publicAccess,
                            AclProperties aclProps,
                            ConnectionLimits limits, Identities identities,
                            BlockingIo io,
                            Catalog catalog, ChunkStore chunks, ChunkLeases leases,
                            ObjectProvider<ReservedPaths.Endpoint> reservedEndpoints,
                            DriveCors driveCors, BrowserRedirect browserRedirect,
                            dev.coffer.api.cluster.ClusterRuntime cluster,
                            Encryption encryption,
                            dev.coffer.api.notify.NotificationTargets notifications,
                            dev.coffer.api.jobs.JobsProperties jobs,
                            LifecycleConfigs lifecycle, ExpirationHeader expiration,
                            dev.coffer.api.service.ChunkPlacement placement,
                            Authorizer authorizer, DenialMetrics denials) {
        CredentialsLookup credentials = identities.credentials();
        RequestAuthenticator authenticator = new RequestAuthenticator(credentials, Clock.systemUTC(), auth.sigv2Enabled(),
                props.region());
        PrincipalLookup principals = identities::principalOf;
        S3Xml xml = new S3Xml();
        SmallBodies bodies = new SmallBodies();
        BucketService buckets = new BucketService(io, catalog);
        CorsStore cors = new CatalogCorsStore(io, catalog, xml);
        // A retention "day" is a lifecycle day: coffer.jobs.day-seconds (shortened for tests; README).
        // In a cluster, chunks go to R nodes before a write is published and are read from any
        // good replica (docs/cluster.md, "Chunks on several nodes"); a single node's stay local.
        ObjectService objects = new ObjectService(io, catalog, chunks, leases, encryption,
                new DefaultRetentions(1000L * jobs.daySeconds()), placement);
        ObjectStreamer streamer = new ObjectStreamer(io, leases, placement);
        boolean clustered = cluster.node().isPresent();
        BodyReceiver receiver = new BodyReceiver(io, chunks, props.inlineThreshold(), placement);
        BucketPolicies policies = new BucketPolicies(io, catalog, publicAccess.settings(), identities::ownerAccount);
        AccountDirectory accounts = new IdentityAccounts(identities);
        AclService acls = new AclService(io, catalog, objects.versions(), identities::ownerAccount);
        Owners owners = new Owners(identities, acls);
        ObjectAcls objectAcls = new ObjectAcls(acls, accounts, policies::effectivePublicAccessBlock);
        List<S3Handler> handlers = new ArrayList<>();
        handlers.addAll(BucketHandlers.all(buckets, xml, bodies, owners, props.region(),
                new NewBucketAcls(accounts, aclProps.defaultObjectOwnership(), publicAccess.settings())));
        handlers.addAll(ListObjectsHandlers.all(buckets, xml, owners));
        handlers.add(new PutObjectHandler(new ObjectPut(io, objects, receiver), objectAcls, expiration));
        handlers.add(new GetObjectHandler(objects, streamer, expiration));
        handlers.add(new HeadObjectHandler(objects, streamer, expiration));
        handlers.addAll(LifecycleHandlers.all(io, catalog, lifecycle, xml, bodies));
        handlers.add(new DeleteObjectHandler(objects));
        handlers.add(new DeleteObjectsHandler(objects, xml, bodies));
        handlers.add(new CopyObjectHandler(objects, xml, objectAcls, expiration));
        handlers.add(new GetBucketVersioningHandler(objects.versions(), xml));
        handlers.add(new PutBucketVersioningHandler(objects.versions(), xml, bodies));
        handlers.add(new ListObjectVersionsHandler(objects.versions(), xml, owners));
        TaggingService tagging = new TaggingService(io, catalog, objects.versions());
        handlers.addAll(TaggingHandlers.all(tagging, xml, bodies));
        handlers.addAll(BucketEncryptionHandlers.all(io, catalog, encryption.keyRing(), xml, bodies));
        handlers.addAll(BucketCorsHandlers.all(buckets, cors, xml, bodies));
        handlers.addAll(dev.coffer.api.handler.BucketNotificationHandlers.all(io, catalog, xml, bodies,
                notifications::declares));
        handlers.add(new PreflightHandler(cors, buckets::exists));
        handlers.addAll(MultipartHandlers.all(io, catalog, chunks, leases, objects, xml, bodies, owners, objectAcls,
                expiration));
        handlers.addAll(BucketPolicyHandlers.all(policies, xml, bodies));
        handlers.addAll(PublicAccessBlockHandlers.all(policies, xml, bodies));
        handlers.addAll(AclHandlers.all(acls, accounts, xml, bodies, policies::effectivePublicAccessBlock));
        handlers.addAll(ObjectLockHandlers.all(new ObjectLockService(io, catalog, objects.versions()), xml, bodies));
        handlers.add(new PostObjectHandler(objects, receiver, new PostPolicyVerifier(credentials, Clock.systemUTC(),
                auth.sigv2Enabled()), xml, objectAcls));
        AccessChecks access = new AccessChecks(authorizer, principals, policies::access, denials)
                .withObjectTags((bucket, key, versionId) -> Mono.defer(() -> tagging.objectTags(bucket, key, versionId))
                        .map(TaggingService.Tagged::tags)
                        .onErrorResume(e -> Mono.just(Map.of()))) // no such object (or version): no tags
                .withAcls(new AclGrants(acls, policies::effectivePublicAccessBlock));
        return new S3HttpHandler(new S3RequestResolver(props.domain()), authenticator, access, handlers,
                new ReservedPaths(reservedEndpoints.orderedStream().toList()), buckets::exists,
                limits.bodyTimeout(), driveCors, new BucketCors(cors), browserRedirect,
                new IamEndpoint(authenticator, identities, io, authorizer, denials),
                clustered ? cluster::readBarrier : null);
    }
}
