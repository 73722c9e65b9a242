// ThreadSanitizer defaults compiled into netra and netra_tests (NETRA_SANITIZE=thread only): the
// tests start netra with an exact environment, so TSAN_OPTIONS would not reach it. TSAN_OPTIONS
// still overrides these when set.
#if defined(__SANITIZE_THREAD__)

extern "C" const char* __tsan_default_options() {
  // A report ends the process at once (exit 66), so a test that checks the exit status fails.
  return "halt_on_error=1:second_deadlock_stack=1:exitcode=66";
}

// Reports that are not Netra's:
// - cpp-httplib comes as a compiled Debian library without TSan instrumentation: its internal
//   synchronisation is invisible, so TSan reports the memory it reads (memcmp, memcpy
//   interceptors) between two workers. Netra's own code calling it stays checked.
// - The same library keeps function-local static std::regex objects (URL and header parsing); the
//   fast path of their thread-safe initialisation is an uninstrumented load, so the first use in
//   a second thread looks like a race with the construction in the first. Only the regex engine's
//   own frames are suppressed.
// - std::ctype<char>::narrow fills a per-locale cache from any thread, each writing the same byte
//   (libstdc++'s known benign race, GCC bug 77704); std::regex construction reaches it.
extern "C" const char* __tsan_default_suppressions() {
  return "called_from_lib:libcpp-httplib.so\n"
         "race:std::__detail::_Scanner\n"
         "race:std::__detail::_Compiler\n"
         "race:std::__detail::_BracketMatcher\n"
         "race:std::__detail::_Executor\n"
         "race:std::ctype<char>::narrow\n";
}

#endif
