import gc

from copydesk.run.memory import GC_THRESHOLDS, tune_gc


def test_memory_tune_gc_freezes_once_and_raises_the_young_threshold() -> None:
    thresholds = gc.get_threshold()
    try:
        tune_gc()
        frozen = gc.get_freeze_count()
        assert frozen > 0 and gc.get_threshold() == GC_THRESHOLDS
        kept = [[n] for n in range(10)]
        tune_gc()  # a second call freezes nothing more
        assert gc.get_freeze_count() == frozen and len(kept) == 10
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
