"""`make bench` runs `python -m benchmarks`: the comparison benchmark."""

from benchmarks.compare_bench import main

main()
