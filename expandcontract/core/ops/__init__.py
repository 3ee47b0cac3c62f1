"""Operations: one home per operation.

* ``op``: the ``Op`` enum of every operation and the ``Action`` values that describe one;
* one module per object family (``columns``, ``constraints``, ``tables``, ``storage``, ``indexes``,
  ``views``, ``types_sequences``, ``other``, ``data``), each holding, for its operations, the extractor
  from the libpg_query parse tree, the replay into the schema model and the classification
  (phase, lock, cost), side by side;
* ``registry``: joins the families, dispatches, and raises on an operation that lacks a replay
  or a classifier;
* ``tree`` (reading parse trees), ``effect`` (phases, locks, classifications) and
  ``typecompat`` (type changes), which the families share.
"""

from .effect import NON_TRANSACTIONAL_OPS, Classification, Lock, Phase
from .op import Action, ColumnSpec, ConstraintSpec, Op, TypeRef

__all__ = [
    "NON_TRANSACTIONAL_OPS",
    "Action",
    "Classification",
    "ColumnSpec",
    "ConstraintSpec",
    "Lock",
    "Op",
    "Phase",
    "TypeRef",
]
