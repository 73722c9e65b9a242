// ThreadSanitizer defaults compiled into netra and netra_tests (NETRA_SANITIZE=thread only): the
// tests start netra with an exact environment, so TSAN_OPTIONS would not reach it. TSAN_OPTIONS
// still overrides these when set.
#if defined(__SANITIZE_THREAD__)

extern "C" const char* __tsan_default_options() {
  // A report ends the process at once (exit 66), so a test that checks the exit status fails.
  return "halt_on_error=1:second_deadlock_stack=1:exitcode=66";
}

// Two reports that are not Netra's:
// - cpp-httplib comes as a compiled Debian library without TSan instrumentation: its internal
//   synchronisation is invisible, so TSan reports the memory it reads (memcmp, memcpy
//   interceptors) between two workers. Netra's own code calling it stays checked.
// - std::ctype<char>::narrow fills a per-locale cache from any thread, each writing the same byte
//   (libstdc++'s known benign race, GCC bug 77704); std::regex construction reaches it.
extern "C" const char* __tsan_default_suppressions() {
  return "called_from_lib:libcpp-httplib.so\n"
         "race:std::ctype<char>::narrow\n";
}

#endif
