// The models most integration tests share: one per fault the fake provider can play.
#pragma once

#include <string>

namespace keygate::testing {

inline std::string model_entry(const std::string& name, const std::string& upstream_model,
                               const std::string& extra = "") {
  return "  - name: " + name + "\n    provider: openai\n    model: \"" + upstream_model +
         "\"\n    api_base: FAKE\n    api_key: test-key\n" + extra;
}

inline std::string standard_models() {
  return model_entry("gpt", "fake-gpt") + model_entry("gpt-4tok", "fake-gpt@tokens=4") +
         model_entry("gpt-429", "fake-gpt@status=429,retry_after=2") +
         model_entry("gpt-500", "fake-gpt@status=500") +
         model_entry("gpt-503", "fake-gpt@status=503") +
         model_entry("gpt-401", "fake-gpt@status=401") +
         model_entry("gpt-reset", "fake-gpt@reset=before_headers") +
         model_entry("gpt-midreset", "fake-gpt@reset=mid_stream,tokens=6") +
         model_entry("gpt-truncate", "fake-gpt@truncate=1,tokens=6") +
         model_entry("gpt-drip", "fake-gpt@drip=1,tokens=2") +
         model_entry("gpt-slow", "fake-gpt@latency=2000", "    timeouts: {first_byte_ms: 300}\n") +
         model_entry("gpt-stall", "fake-gpt@itl=1500,tokens=3",
                     "    timeouts: {between_chunks_ms: 300}\n") +
         model_entry("gpt-ttft", "fake-gpt@ttft=200,itl=20,tokens=5") +
         "  - name: gpt-down\n    provider: openai\n    model: fake-gpt\n"
         "    api_base: http://127.0.0.1:1/v1\n    api_key: test-key\n"
         "  - name: mock-gpt\n    provider: mock\n";
}

inline std::string chat_body(const std::string& model, bool stream = false,
                             const std::string& extra = "") {
  return R"({"model":")" + model + R"(","messages":[{"role":"user","content":"say hello now"}])" +
         (stream ? R"(,"stream":true)" : "") + extra + "}";
}

}  // namespace keygate::testing
