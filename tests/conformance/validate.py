"""Validates FHIR resources with an implementation carepath did not write: the Python
`fhir.resources` package (its R4B models, structurally the same as R4 for the resources
carepath serves). Reads a JSON array of resources on stdin; prints one line per invalid
resource and exits 1 when any is invalid. Bundles are validated with their entries."""

import json
import sys

from fhir.resources.R4B import get_fhir_model_class


def main() -> int:
    resources = json.load(sys.stdin)
    failed = 0
    for n, resource in enumerate(resources):
        kind = resource.get("resourceType", "?")
        try:
            get_fhir_model_class(kind).model_validate(resource)
        except Exception as e:  # noqa: BLE001 - every validation error is reported
            failed += 1
            print(f"resource {n} ({kind}/{resource.get('id', '')}): {e}")
    print(f"{len(resources) - failed} of {len(resources)} resources valid")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
