"""Imported only by the workers of tests/test_pool.py: proof that a stream warms its workers."""
