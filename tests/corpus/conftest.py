# the generator is a script, not a test module: keep pytest (and --doctest-modules) out of it
collect_ignore_glob = ["*.py"]
