import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Callable;

/**
 * java.net.http against OkHttp, sequential GETs of a small JSON body from a WireMock in another process: requests per
 * second and bytes allocated per request over every thread of this JVM (the client's own threads included). Run by
 * http-client.sh.
 */
public final class HttpClientBench {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int requests = Integer.parseInt(args[1]);
        HttpClient jdk = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").build();
        okhttp3.OkHttpClient ok = new okhttp3.OkHttpClient();
        okhttp3.Request okRequest = new okhttp3.Request.Builder().url(url).header("Accept", "application/json").build();
        Callable<Integer> jdkCall = () -> jdk.send(request, HttpResponse.BodyHandlers.ofByteArray()).body().length;
        Callable<Integer> okCall = () -> {
            try (okhttp3.Response response = ok.newCall(okRequest).execute()) {
                return response.body().bytes().length;
            }
        };
        for (int round = 0; round < 3; round++) {
            run("java.net.http", jdkCall, requests, round < 2);
            run("okhttp", okCall, requests, round < 2);
        }
        System.exit(0);
    }

    private static void run(String name, Callable<Integer> call, int requests, boolean warmup) throws Exception {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = allocated(threads);
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            call.call();
        }
        long nanos = System.nanoTime() - start;
        long allocated = allocated(threads) - allocatedBefore;
        if (!warmup) {
            System.out.printf("%-14s %8.0f req/s %8d bytes allocated/request%n", name, requests / (nanos / 1e9),
                    allocated / requests);
        }
    }

    private static long allocated(ThreadMXBean threads) {
        long sum = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, bytes);
        }
        return sum;
    }
}
