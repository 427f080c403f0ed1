package io.playerbase.adapters.crypto.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Adds a secondary result {@code ·cpu}: CPU time of the JMH worker threads per operation, in ns/op.
 * The primary score is wall-clock time, which on a shared machine also counts the time a worker
 * waits for a core that other processes hold; the CPU time of the worker threads does not, so it
 * says what one operation costs even when the machine is busy (cache and frequency effects of the
 * neighbours remain). Enabled by the jmh profile: {@code -prof io.playerbase.adapters.crypto.jmh.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private static final String WORKER = "-jmh-worker-";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private Map<Long, Long> before = Map.of();

    @Override
    public String getDescription() {
        return "CPU time of the benchmark threads per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = workerCpuTimes();
    }

    @Override
    public List<? extends Result<?>> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        long spent = 0;
        for (Map.Entry<Long, Long> worker : workerCpuTimes().entrySet()) {
            spent += worker.getValue() - before.getOrDefault(worker.getKey(), 0L);
        }
        long ops = result.getMetadata().getAllOps();
        if (ops <= 0 || spent <= 0) {
            return List.of();
        }
        return List.of(new ScalarResult("cpu", (double) spent / ops, "ns/op", AggregationPolicy.AVG));
    }

    private Map<Long, Long> workerCpuTimes() {
        Map<Long, Long> times = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(WORKER)) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu >= 0) {
                    times.put(info.getThreadId(), cpu);
                }
            }
        }
        return times;
    }
}
