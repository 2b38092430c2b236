"""Migration Trends Dashboard: the app factory is dashboard.factory.create_app (app.py calls it)."""
import os

# Arrow's C++ allocator is chosen once, when pyarrow is first imported, from ARROW_DEFAULT_MEMORY_POOL. jemalloc, not
# Arrow's default mimalloc: mimalloc keeps the memory of every Parquet file read and every table converted, jemalloc
# gives it back. Set here, before anything of this package imports pyarrow, so that the Parquet reader's own buffers
# use it too (pyarrow.set_memory_pool, later, reaches only the allocations pyarrow makes itself: a worker holding the
# whole bundle was 24 MiB larger that way; bench/memory.py, bench/RESULTS.md). A value already set is left to decide.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "jemalloc")
