package io.ocean.examples.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocean.core.config.ResourceConfig;
import io.ocean.jq.JqEntityMapper;
import io.ocean.jq.MappingResult;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Entities per second of {@link JqEntityMapper} on the GitHub pull-request fixture with the 8-field mapping. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class MappingBenchmark {

    private JqEntityMapper mapper;
    private ResourceConfig resource;
    private List<JsonNode> one;

    /** Builds the mapper and the item once. */
    @Setup
    public void setUp() throws Exception {
        mapper = JqEntityMapper.create();
        resource = PullRequestMapping.resource();
        one = List.of(PullRequestMapping.pullRequest(new ObjectMapper(), 279147437));
    }

    /** Maps one pull request into one entity. */
    @Benchmark
    public MappingResult mapOnePullRequest() {
        return mapper.map(resource, one);
    }
}
