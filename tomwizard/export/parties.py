"""The parties, the data protection officer and the service providers as template variables."""

from __future__ import annotations

from tomwizard.answers.model import AnswersDocument, DataProtectionOfficer, Party
from tomwizard.catalogue.model import Language
from tomwizard.export.formatting import format_date
from tomwizard.export.providers import certification_text, role_name
from tomwizard.export.text import for_line
from tomwizard.export.variables import CertificationInfo, OfficerInfo, PartyInfo, ProviderInfo


def party_info(party: Party, lang: Language) -> PartyInfo:
    """A contracting party with its signatory."""
    name, address = for_line(party.name), for_line(party.address)
    representative = for_line(party.representative)
    return PartyInfo(
        name=name,
        address=address,
        representative=representative,
        function=for_line(party.function),
        place=for_line(party.place),
        sign_date=format_date(party.sign_date, lang),
        given=bool(name or address or representative),
    )


def provider_infos(document: AnswersDocument, lang: Language) -> list[ProviderInfo]:
    """The document's service providers for the annex."""
    return [
        ProviderInfo(
            id=key,
            name=for_line(provider.name),
            role=role_name(provider.role, lang),
            service=for_line(provider.service),
            certifications=[
                CertificationInfo(
                    standard=for_line(c.standard),
                    issuer=for_line(c.issuer),
                    valid_until=format_date(c.valid_until, lang),
                    scope=for_line(c.scope),
                    text=certification_text(c, lang, format_date(c.valid_until, lang)),
                )
                for c in provider.certifications.values()
            ],
        )
        for key, provider in document.providers.items()
    ]


def officer_info(dpo: DataProtectionOfficer) -> OfficerInfo:
    """The processor's data protection officer."""
    parts = [for_line(p) for p in (dpo.name, dpo.organisation, dpo.email, dpo.phone)]
    return OfficerInfo(
        name=parts[0],
        organisation=parts[1],
        email=parts[2],
        phone=parts[3],
        address=for_line(dpo.address),
        contact=", ".join(p.replace("\n", " ") for p in parts if p),
        given=any(parts) or bool(dpo.address.strip()),
    )
