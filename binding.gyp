# The optional native kernels (native/, loaded by lib/math/native/). Built at
# install by node-gyp when a C compiler is available; the package works
# without it. The flags are part of the reproducibility contract:
#   -ffp-contract=off  never fuse a*b+c into an FMA (an FMA rounds once and
#                      changes the bits); gcc contracts by default.
#   -fno-fast-math     keep IEEE semantics: no reassociation, no flush to zero.
# No -march=native: the AVX2 / AVX-512 kernels are compiled with target
# attributes and picked at load by CPUID, so one build runs on every x86-64
# (a container image built on one host works on another).
{
  "targets": [
    {
      "target_name": "dpt_kernels",
      "sources": [
        "native/addon.c",
        "native/linear.c",
        "native/tune.c",
        "native/gemm_portable.c",
        "native/gemm_x86.c",
        "native/elementwise_avx512.c",
        "native/sgd_avx512.c",
        "native/elementwise_avx2.c",
        "native/sgd_avx2.c",
        "native/crc32.c"
      ],
      "cflags!": ["-O0", "-O1", "-O2", "-Os", "-ffast-math"],
      "cflags_c": ["-std=gnu11"],
      "cflags": ["-O3", "-ffp-contract=off", "-fno-fast-math"],
      "xcode_settings": {
        "GCC_OPTIMIZATION_LEVEL": "3",
        "OTHER_CFLAGS": ["-ffp-contract=off", "-fno-fast-math"]
      },
      "msvs_settings": {
        "VCCLCompilerTool": {
          "Optimization": 2,
          "AdditionalOptions": ["/fp:precise", "/fp:contract-"]
        }
      }
    }
  ]
}
