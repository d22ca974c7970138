package dev.coffer.api.config;

import dev.coffer.api.service.BlockingIo;
import dev.coffer.api.service.ChunkCollector;
import dev.coffer.api.service.PeriodicLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;

/** Runs the chunk collector every {@code coffer.gc-interval} on the I/O scheduler while the server runs. */
@Component
class CollectorLoop implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(CollectorLoop.class);
    private final ChunkCollector collector;
    private final BlockingIo io;
    private final CofferProperties props;
    private volatile Disposable loop;

    CollectorLoop(ChunkCollector collector, BlockingIo io, CofferProperties props) {
        this.collector = collector;
        this.io = io;
        this.props = props;
    }

    @Override
    public void start() {
        // A pass slower than the interval (a long backlog, a busy disk) skips the ticks it spans.
        loop = PeriodicLoop.start(props.gcInterval(), props.gcInterval(), () -> io.call(collector::collect),
                log, "chunk collection failed; will retry");
    }

    @Override
    public void stop() {
        Disposable l = loop;
        if (l != null) l.dispose();
        loop = null;
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }
}
