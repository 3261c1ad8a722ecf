-- Prints the requests per second and the 50th, 95th and 99th latency percentiles (ms).
done = function(summary, latency, requests)
  io.write(string.format("rps=%.0f p50=%.1f p95=%.1f p99=%.1f errors=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
