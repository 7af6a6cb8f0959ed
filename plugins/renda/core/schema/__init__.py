"""The record schema: field types (``types``) and the seven record types (``records``)."""

from .records import RECORD_TYPES, RecordType, record_type_for_folder
from .types import Field

__all__ = ["RECORD_TYPES", "RecordType", "Field", "record_type_for_folder"]
