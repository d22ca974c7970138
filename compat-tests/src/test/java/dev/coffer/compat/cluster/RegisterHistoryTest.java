package dev.coffer.compat.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The linearizability checker against small histories whose answer is known. */
class RegisterHistoryTest {
    @Test
    void aReadOfTheLastCompletedWriteIsLinearizable() {
        RegisterHistory h = new RegisterHistory();
        h.write("k", "a", 0, 10, "c1");
        h.write("k", "b", 20, 30, "c2");
        h.read("k", "b", 40, 50, "c3");
        assertThat(h.violation()).isNull();
    }

    @Test
    void aReadOfAnOverwrittenValueAfterTheOverwriteCompletedIsNot() {
        RegisterHistory h = new RegisterHistory();
        h.write("k", "a", 0, 10, "c1");
        h.write("k", "b", 20, 30, "c2");
        h.read("k", "a", 40, 50, "c3"); // a lost acknowledged write, or a stale read
        assertThat(h.violation()).contains("no linearization of key k");
    }

    @Test
    void concurrentWritesMayTakeEffectInEitherOrder() {
        RegisterHistory h = new RegisterHistory();
        h.write("k", "a", 0, 30, "c1");
        h.write("k", "b", 5, 25, "c2");
        h.read("k", "a", 40, 50, "c3");
        assertThat(h.violation()).isNull();
    }

    @Test
    void readsMustAgreeOnOneOrderOfConcurrentWrites() {
        RegisterHistory h = new RegisterHistory();
        h.write("k", "a", 0, 30, "c1");
        h.write("k", "b", 5, 25, "c2");
        h.read("k", "a", 40, 50, "c3");
        h.read("k", "b", 60, 70, "c4"); // flips back with no write in between
        assertThat(h.violation()).isNotNull();
    }

    @Test
    void aWriteOfUnknownOutcomeMayHaveHappenedOrNot() {
        RegisterHistory h = new RegisterHistory();
        h.write("k", "a", 0, 10, "c1");
        h.writeUnknown("k", "x", 20, "c2");
        h.read("k", "x", 30, 40, "c3");
        assertThat(h.violation()).isNull();
        RegisterHistory never = new RegisterHistory();
        never.write("k", "a", 0, 10, "c1");
        never.writeUnknown("k", "x", 20, "c2");
        never.read("k", "a", 30, 40, "c3");
        assertThat(never.violation()).isNull();
    }

    @Test
    void aReadOfAValueNeverWrittenIsNot() {
        RegisterHistory h = new RegisterHistory();
        h.read("k", null, 0, 5, "c0");
        h.write("k", "a", 10, 20, "c1");
        h.read("k", "zzz", 30, 40, "c3");
        assertThat(h.violation()).isNotNull();
    }
}
