package dev.coffer.auth.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Condition keys gathered on first read: the same keys as gathered at once, gathered once. */
class RequestContextTest {
    private static RequestContext eager() {
        return RequestContext.builder().put("aws:SourceIp", "10.0.0.1").put("s3:prefix", "photos/").build();
    }

    /** A lazy context over {@link #eager()} that counts how often it gathers its keys. */
    private static RequestContext counted(AtomicInteger gathered) {
        return RequestContext.lazy(() -> {
            gathered.incrementAndGet();
            return eager();
        });
    }

    @Test
    void aLazyContextReadsAsTheContextItWraps() {
        RequestContext lazy = RequestContext.lazy(RequestContextTest::eager);
        assertEquals(List.of("10.0.0.1"), lazy.get("AWS:SourceIp"));
        assertEquals(eager().asMap(), lazy.asMap());
        assertNull(lazy.get("s3:delimiter"));
    }

    @Test
    void keysAddedToALazyContextReplaceItsOwnAndAreGatheredOnce() {
        AtomicInteger gathered = new AtomicInteger();
        RequestContext lazy = counted(gathered);
        RequestContext more = lazy.with(Map.of("S3:Prefix", List.of("docs/"), "aws:username", List.of("alice")));
        assertEquals(0, gathered.get());
        assertEquals(List.of("docs/"), more.get("s3:prefix"));
        assertEquals(List.of("alice"), more.get("aws:username"));
        assertEquals(List.of("10.0.0.1"), more.get("aws:sourceip"));
        assertEquals(List.of("photos/"), lazy.get("s3:prefix"));
        assertEquals(1, gathered.get());
    }

    @Test
    void anAuthorizerDecidingWithoutAnyPolicyNeverGathersTheKeys() {
        AtomicInteger gathered = new AtomicInteger();
        RequestContext lazy = counted(gathered);
        Decision d = new Authorizer().authorize(Principal.root("111122223333", "K"), "s3:GetObject",
                "arn:aws:s3:::photos/a", lazy, null, "111122223333");
        assertEquals(Decision.Outcome.ALLOW, d.outcome());
        assertEquals(0, gathered.get());
    }
}
