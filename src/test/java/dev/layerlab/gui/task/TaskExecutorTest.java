package dev.layerlab.gui.task;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TaskExecutorTest {

    @Test
    void currentThreadExecutorDeliversResultAndFinally() {
        List<String> seen = new ArrayList<>();
        new CurrentThreadTaskExecutor().execute(BackgroundTask.of("t", c -> "ok")
                .onSuccess(seen::add).onFinally(() -> seen.add("done")));
        assertThat(seen).containsExactly("ok", "done");
    }

    @Test
    void failureReachesTheFailureHandler() {
        List<String> seen = new ArrayList<>();
        new CurrentThreadTaskExecutor().execute(BackgroundTask.<String>of("t", c -> {
            throw new IllegalStateException("boom");
        }).onFailure(e -> seen.add(e.getMessage())));
        assertThat(seen).containsExactly("boom");
    }

    @Test
    void latestOnlyDropsResultsOfReplacedRequests() {
        // A deferred executor: tasks run when we say so, so an old one can finish after a new one started.
        List<Runnable> pending = new ArrayList<>();
        TaskExecutor deferred = new TaskExecutor() {
            @Override
            public <T> Cancellation execute(BackgroundTask<T> task) {
                Cancellation c = new Cancellation();
                pending.add(() -> {
                    try {
                        task.succeeded(task.call(c));
                    } catch (Exception e) {
                        task.failed(e);
                    }
                });
                return c;
            }

            @Override
            public void runOnUi(Runnable action) {
                action.run();
            }

            @Override
            public void shutdown() {
            }
        };
        List<String> results = new ArrayList<>();
        LatestOnly latest = new LatestOnly(deferred);
        latest.submit("a", c -> "first", results::add, e -> { });
        latest.submit("b", c -> "second", results::add, e -> { });
        pending.get(1).run();
        pending.get(0).run();
        assertThat(results).containsExactly("second");
    }
}
