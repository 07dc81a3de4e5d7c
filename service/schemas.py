"""Marshmallow schemas of requests, answers and errors; their descriptions become openapi.yaml."""

import functools
from typing import NamedTuple

from marshmallow import Schema, ValidationError, fields, utils, validates_schema
from marshmallow.validate import Length, OneOf, Regexp, Validator

from service import engine
from service.settings import defaults

DIMENSIONS = ("count", "currency", "percent", "area", "number", "date", "duration", "age", "multiple")
QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range")
_DEFAULTS = defaults()


def _doc(description, **metadata):
    """Field metadata: the description (and any example) that apispec puts in the spec."""
    return {"description": description, **metadata}


def _string(description, **kwargs):
    """A string member that is always there."""
    return fields.String(required=True, metadata=_doc(description), **kwargs)


def _string_or_null(description):
    return fields.String(required=True, allow_none=True, metadata=_doc(description))


def _integer(description):
    return fields.Integer(required=True, metadata=_doc(description))


def _span(what):
    return (
        _integer(f"Index in the text where {what} starts."),
        _integer(f"Index in the text where {what} ends (exclusive)."),
    )


def _nullable_num(description):
    return Num(required=True, allow_none=True, metadata=_doc(description))


def _list(item, description=None):
    """A list member that is always there, of ``item`` fields or of nested ``item`` schemas."""
    inner = item if isinstance(item, fields.Field) else fields.Nested(item)
    return fields.List(inner, required=True, metadata=_doc(description) if description else {})


@functools.lru_cache(maxsize=64)
def schema(cls, **limits):
    """One instance per schema class and limits, built once: building one deep-copies every
    field, which cost a fifth of a small request. Loading and dumping keep no state on it."""
    return cls(**limits)


# ---- fields ---------------------------------------------------------------------------------


class Num(fields.Number):
    """A JSON number passed on as the engine gave it, so 41 stays 41 and 0.5 stays 0.5."""

    num_type = float

    def _format_num(self, value):
        return value


class StrictBoolean(fields.Boolean):
    """Only JSON true or false: marshmallow's Boolean would also take 1, "yes" or "on"."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


class KnownKpi(Validator):
    """A KPI name from the taxonomy; ``choices`` (the spec's enum) is asked of the engine."""

    @property
    def choices(self):
        return [kpi["name"] for kpi in engine.taxonomy()]

    def __call__(self, value):
        if value not in self.choices:
            raise ValidationError("Unknown KPI name; see GET /v1/kpis.")
        return value


def currency_code():
    return fields.String(
        validate=Regexp(r"^[A-Z]{3}$", error="Not an ISO 4217 code such as HKD."),
        metadata=_doc(
            "ISO 4217 code of the report's money where the text does not say: a bare 元 or $ "
            "takes it (e.g. HKD). A figure's own unit (港元, 美元, HK$) always wins, and so does "
            "a traditional-character text that names its currency (港幣, 新台幣).",
            example="HKD",
        ),
    )


def kpi_names():
    return fields.List(
        fields.String(validate=KnownKpi()),
        metadata=_doc("Report only these KPIs (names from GET /v1/kpis); mentions are unchanged."),
    )


class InvalidDocument(NamedTuple):
    """A batch item that failed validation, kept in its place with its errors."""

    index: int  # type: ignore[assignment]  # (a field named like tuple's own index method)
    id: str | None
    errors: dict


class Documents(fields.List):
    """A list whose invalid items stay in place as InvalidDocument: one bad item spares the rest."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not utils.is_sequence_but_not_string(value) or isinstance(value, dict):
            raise self.make_error("invalid")
        loaded = []
        for index, item in enumerate(value):
            try:
                loaded.append(self.inner.deserialize(item, **kwargs))
            except ValidationError as error:
                item_id = item.get("id") if isinstance(item, dict) else None
                loaded.append(
                    InvalidDocument(
                        index, item_id if isinstance(item_id, str) else None, error.normalized_messages()
                    )
                )
        return loaded


def _limit(schema, field, validator):
    """Swap a field's validator for one from the app's settings (the class keeps the default)."""
    schema.fields[field].validators = [validator]


# ---- requests -------------------------------------------------------------------------------


class ExtractOptions(Schema):
    """Options of one extraction; any other key is a 422."""

    kpis = kpi_names()
    out_of_scope = StrictBoolean(
        metadata=_doc(
            "Default true; false drops mentions whose dimension is not count, currency, percent or area."
        )
    )
    currency = currency_code()


class ExtractRequest(Schema):
    """A report to read, as JSON."""

    text = _string("The report, any length up to the body limit; offsets in the answer index into it.")
    options = fields.Nested(ExtractOptions, metadata=_doc("How to report; all optional."))


class OptionsQuery(Schema):
    """Options given in the query string (with a text/plain body, or with GET)."""

    kpis = kpi_names()
    out_of_scope = fields.Boolean(
        truthy={"true"},
        falsy={"false"},
        metadata=_doc(
            "`true` (default) or `false`: whether to keep mentions outside count, currency, percent and area."
        ),
    )
    currency = currency_code()


class ExtractQuery(OptionsQuery):
    """A short report in the query string, for dashboards and curl."""

    text = _string("The report (longer ones go by POST).", validate=Length(max=_DEFAULTS["MAX_GET_TEXT"]))

    def __init__(self, *, max_text=_DEFAULTS["MAX_GET_TEXT"], **kwargs):
        super().__init__(**kwargs)
        _limit(self, "text", Length(max=max_text))


class BatchDocument(Schema):
    """One report in a batch."""

    id = _string("Your name for the report, echoed back.")
    text = _string("The report.")


class BatchRequest(Schema):
    """Several reports in one request, read with the same options."""

    documents = Documents(
        fields.Nested(BatchDocument),
        required=True,
        validate=Length(min=1, max=_DEFAULTS["MAX_BATCH"]),
        metadata=_doc(
            "The reports, answered in this order; an invalid one gets its own error "
            "entry and the others are still read."
        ),
    )
    options = fields.Nested(ExtractOptions, metadata=_doc("Options for every document."))

    def __init__(self, *, max_documents=_DEFAULTS["MAX_BATCH"], **kwargs):
        super().__init__(**kwargs)
        _limit(self, "documents", Length(min=1, max=max_documents))

    @validates_schema
    def _unique_ids(self, data, **kwargs):
        """Results are matched to documents by id, so two documents may not share one."""
        seen, repeated = set(), []
        for document in data.get("documents", ()):
            doc_id = document.id if isinstance(document, InvalidDocument) else document["id"]
            if doc_id is not None and doc_id in seen and doc_id not in repeated:
                repeated.append(doc_id)
            seen.add(doc_id)
        if repeated:
            raise ValidationError(
                f"Each document needs its own id; repeated: {', '.join(map(repr, repeated[:5]))}.",
                "documents",
            )


# ---- answers --------------------------------------------------------------------------------


class Extractor(Schema):
    """Which extractor answered; part of every ETag."""

    name = _string("Always `suanpan`.")
    version = _string("Extractor version.")


class Section(Schema):
    """A stretch of the report under one heading."""

    index = _integer("Position in `document.sections`.")
    title = _string_or_null("Heading, if any.")
    start, end = _span("the section")


class Source(Schema):
    """The file the text was read from."""

    media_type = _string(
        "The type it was read as: text/plain, application/pdf or "
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document."
    )
    filename = _string_or_null("The file name given with an upload, else null.")
    bytes = _integer("Size of the file in bytes.")
    encoding = _string_or_null(
        "For text: the encoding it was read in (`gb18030`, `utf-16`, …), "
        "declared, from a byte order mark, or detected; else null."
    )
    pages = fields.Integer(
        required=True,
        allow_none=True,
        metadata=_doc("For a PDF: its pages (joined by line breaks in `text`); else null."),
    )
    paragraphs = fields.Integer(
        required=True,
        allow_none=True,
        metadata=_doc("For a .docx: paragraphs of its body, one line each in `text`; else null."),
    )
    tables = fields.Integer(
        required=True,
        allow_none=True,
        metadata=_doc("For a .docx: its tables; each row is one line of `text`, cells separated by tabs."),
    )


class Document(Schema):
    """What the service read."""

    chars = _integer("Length of the text in characters.")
    sha256 = _string("SHA-256 of the text's UTF-8 bytes (lone surrogates kept), in hex.")
    sections = _list(Section, "Sections.")
    text = fields.String(
        metadata=_doc(
            "The text the offsets index, when it is not the one sent: present when the report "
            "came as a file (Word, PDF, a multipart upload) or as text/plain in a charset other "
            "than UTF-8."
        )
    )
    source = fields.Nested(Source, metadata=_doc("Where `text` came from; present with it."))


class _Quantity(Schema):
    """The fields a mention and a KPI share."""

    value = _nullable_num("The number; null for a range.")
    min = _nullable_num("Lower bound of a range, else null.")
    max = _nullable_num("Upper bound of a range, else null.")
    unit = _string_or_null(
        "Measure word (`套`), ISO currency (`CNY`, `CNY/m2`), `%`/`pp`, `m2`/`mu`/`ha`/`km2`; "
        "null for a bare number."
    )
    dimension = _string(
        "What the number measures; KPIs only come from count, currency, percent and area.",
        validate=OneOf(DIMENSIONS),
    )
    qualifier = _string("How exact the number is.", validate=OneOf(QUALIFIERS))
    label = _string_or_null("The words naming what is counted, if found (`住户咨询`).")
    section = _integer("Index into `document.sections`.")


class Mention(_Quantity):
    """A quantity as written in the text; `text[start:end] == text` always."""

    id = _string("Identifier within this answer (`m12`).")
    text = _string("The words as written (`155件`).")
    start, end = _span("the mention")
    kpi = _string_or_null("KPI name, if one.")


class Kpi(_Quantity):
    """A named KPI with its evidence."""

    name = _string("KPI name from GET /v1/kpis.")
    mention = _string("Id of the mention it comes from.")
    start, end = _span("the mention")
    period = _string_or_null("The period it covers, if stated (`上半年`).")
    evidence = _string("The clause it was read from.")
    direction = fields.String(
        required=True,
        allow_none=True,
        validate=OneOf(["up", "down"]),
        metadata=_doc(
            "For growth_rate: `up` for a rise, `down` for a fall (whose `value` is "
            "then negative: `同比下降12.5%` → −12.5); null for other KPIs."
        ),
    )
    part_of = fields.String(
        required=True,
        allow_none=True,
        metadata=_doc(
            "Id of the total's mention when this KPI is a part of a breakdown "
            "(sum the KPIs with `part_of: null` to count nothing twice); else null."
        ),
    )


class Breakdown(Schema):
    """A total and the parts the text splits it into."""

    total = _string("Id of the total's mention.")
    parts = _list(fields.String(), "Ids of the parts.")
    unit = _string_or_null("Shared unit.")
    total_value = _nullable_num("Value of the total.")
    parts_sum = _nullable_num("Sum of the parts.")
    consistent = fields.Boolean(required=True, metadata=_doc("Whether the parts add up."))
    kind = fields.String(
        required=True,
        validate=OneOf(["partition", "subset"]),
        metadata=_doc(
            "`partition`: the parts are listed as the whole (`其中A…，B…，C…`), and a "
            "`breakdown_mismatch` warning says when they do not add up; `subset`: one "
            "part is named (`其中别墅12套`, `含回迁户38套`), never a warning."
        ),
    )


class Placeholder(Schema):
    """A template blank where a number should be (`共销售多层套`)."""

    start, end = _span("the blank")
    text = _string("The words around the blank.")
    unit = _string_or_null("Unit it expects.")
    kpi = _string_or_null("KPI it would fill.")
    section = _integer("Index into `document.sections`.")


class ExtractionWarning(Schema):
    """Something the reader of the answer should know, with where it happened."""

    code = _string("`breakdown_mismatch`, `truncated_number`, …")
    message = _string("Explanation in words.")
    start = fields.Integer(allow_none=True, metadata=_doc("Where it starts, if in the text."))
    end = fields.Integer(allow_none=True, metadata=_doc("Where it ends, if in the text."))


class Extraction(Schema):
    """The engine's answer for one report (docs/CONTRACT.md)."""

    extractor = fields.Nested(Extractor, required=True)
    document = fields.Nested(Document, required=True)
    mentions = _list(Mention, "Every quantity in the text, in text order.")
    kpis = _list(Kpi, "KPIs found.")
    breakdowns = _list(Breakdown, "Totals split into parts.")
    placeholders = _list(Placeholder, "Template blanks.")
    warnings = _list(ExtractionWarning, "Warnings.")


class Problem(Schema):
    """An error, as application/problem+json (RFC 9457)."""

    type = _string("URI naming the kind of problem; `about:blank` when the status says it all.")
    title = _string("Short summary of the kind.")
    status = _integer("The HTTP status code.")
    detail = _string("What went wrong this time.")
    errors = fields.Dict(
        keys=fields.String(),
        metadata=_doc("Per field (or query parameter), the list of its errors; nested objects nest."),
    )
    request_id = fields.String(metadata=_doc("The request id, as in the X-Request-ID header."))


class BatchResult(Schema):
    """One document's outcome: `answer` when status is 200, `error` otherwise."""

    id = _string_or_null("The document's id; null when it had no usable id.")
    status = _integer("200, 422 (invalid document) or 500 (the engine failed on it).")
    answer = fields.Nested(Extraction, metadata=_doc("The extraction, when status is 200."))
    error = fields.Nested(Problem, metadata=_doc("The problem, when status is not 200."))


class BatchResponse(Schema):
    """The outcome of every document, in the order sent."""

    results = _list(BatchResult, "One result per document, in the order sent.")


class KpiDefinition(Schema):
    """One KPI of the taxonomy."""

    name = _string("The name used in answers and options.")
    description = _string("What it measures.")
    dimensions = _list(fields.String(validate=OneOf(DIMENSIONS)), "Dimensions its values take.")
    units = fields.List(
        fields.String(),
        required=True,
        allow_none=True,
        metadata={
            "description": "The only count units it may carry (`人`, `名` … for headcount), or null "
            "for any unit of its dimensions."
        },
    )
    keywords = _list(fields.String(), "Words that name it in reports.")


class KpiList(Schema):
    """The KPI taxonomy, for legends and for the `kpis` option."""

    kpis = _list(KpiDefinition, "Every KPI the engine can report.")


class Health(Schema):
    """The process is up."""

    status = _string("`ok`.", validate=OneOf(["ok"]))


class Readiness(Schema):
    """The engine is loaded and answered its self-check as expected."""

    status = _string("`ready`.", validate=OneOf(["ready"]))
    extractor = fields.Nested(Extractor, required=True)
