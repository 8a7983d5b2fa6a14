"""``hfmigrate rewrite``: migrate legacy Inference API code to the router. See :mod:`hfmigrate.rewrite.engine`."""

from hfmigrate.rewrite.engine import FileRewrite, RewriteResult, rewrite_paths

__all__ = ["FileRewrite", "RewriteResult", "rewrite_paths"]
