"""Writes the FHIR R4 element table the FHIRPath evaluator uses for types.

The table (`crates/fhirpath/src/r4.types`) is derived from the R4B models of the
`fhir.resources` package (PyPI, pinned in requirements.txt), which are generated from HL7's
StructureDefinitions. One line per element: `Owner.element<TAB>type[|type...]<TAB>1|*`.
Backbone elements are named by their path (`Patient.contact`), choice elements end in
`[x]` and list their types. Run: `.venv/bin/python fhirpath_model.py > ../../crates/fhirpath/src/r4.types`.
"""

import importlib
import inspect
import pkgutil
import typing

import fhir.resources.R4B as r4b
from fhir.resources.R4B import element, resource

classes = {}
for info in pkgutil.iter_modules(r4b.__path__):
    if info.name.startswith("fhirtypes") or info.name in ("fhirprimitiveextension",):
        continue
    try:
        module = importlib.import_module(f"fhir.resources.R4B.{info.name}")
    except Exception:
        continue
    for name, cls in inspect.getmembers(module, inspect.isclass):
        if getattr(cls, "__module__", "") == module.__name__ and hasattr(cls, "model_fields"):
            classes[name] = cls


def type_of(annotation):
    """The FHIR type code of a field's annotation, and whether it is a list."""
    many = False
    while True:
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin is typing.Union or str(origin) == "<class 'types.UnionType'>":
            annotation = next(a for a in args if a is not type(None))
        elif origin in (list, typing.List):
            many = True
            annotation = args[0]
        elif origin is typing.Annotated:
            meta = args[1]
            code = type(meta).__name__
            code = code[0].lower() + code[1:]
            return renamed.get(code, code), many
        else:
            break
    if annotation is bool:
        return "boolean", many
    if annotation is str:
        return "string", many
    if annotation is int:
        return "integer", many
    name = getattr(annotation, "__name__", str(annotation))
    if name.endswith("Type"):
        name = name[: -len("Type")]
    return name, many


names = {}  # backbone class name -> path name
renamed = {"encodedBytes": "base64Binary", "uuidVersion": "uuid"}


def is_backbone(name):
    """A part of a resource or data type (`PatientContact`), not a type of its own (`Dosage`)."""
    cls = classes[name]
    return cls.__module__.rsplit(".", 1)[1] != name.lower() and issubclass(cls, element.Element)

lines = []


def walk(owner_name, cls):
    for field, info in cls.model_fields.items():
        extra = info.json_schema_extra or {}
        if not extra.get("element_property"):
            continue
        if field in ("id", "extension", "modifierExtension") and owner_name not in ("Element", "Resource", "DomainResource", "BackboneElement"):
            if field != "id" or cls.__name__ not in classes or not issubclass(cls, resource.Resource):
                continue
        code, many = type_of(info.annotation)
        alias = info.alias or field
        choice = extra.get("one_of_many")
        if code in classes and is_backbone(code):
            if code not in names:
                names[code] = f"{owner_name}.{alias}"
                walk(names[code], classes[code])
            code = names[code]
        if choice:
            lines.append((f"{owner_name}.{choice}[x]", code, many))
        else:
            lines.append((f"{owner_name}.{alias}", code, many))


for name, cls in sorted(classes.items()):
    if is_backbone(name):
        continue
    walk(name, cls)

merged = {}
order = []
for path, code, many in lines:
    if path not in merged:
        merged[path] = ([], many)
        order.append(path)
    if code not in merged[path][0]:
        merged[path][0].append(code)
for path in order:
    codes, many = merged[path]
    print(f"{path}\t{'|'.join(codes)}\t{'*' if many else '1'}")
# The type hierarchy: `Patient<TAB>DomainResource`, one line per type with a FHIR base type.
for name, cls in sorted(classes.items()):
    if is_backbone(name):
        continue
    base = next((b.__name__ for b in cls.__mro__[1:] if b.__name__ in classes and not is_backbone(b.__name__)), None)
    if base and base != name:
        print(f"{name}\t{base}")
for name in sorted(names.values()):
    print(f"{name}\tBackboneElement")
