"""Party-name language data: what may follow an organisation's name in its clause but is not part of it."""

from __future__ import annotations

# After a comma: an address, a site, a legal basis or a seat ("PT X, Jalan ...", "..., berdasarkan Akta ...").
NAME_TAILS = [
    r"(?:Jl|Jln|Jalan|Gedung|Komplek|Kompleks|Kawasan|Desa|Kelurahan|Kel|Kecamatan|Kec|RT|RW)\b\.?",
    r"(?:PLTU|PLTA|PLTD|PLTG)\b",
    r"(?:dengan\s+)?alamat\b",
    r"beralamat\b",
    r"berdasarkan\b",
    r"(?:yang\s+)?berkedudukan\b",
    r"(?:having\s+its|with\s+its|located|situated|established|a\s+(?:university|company|foundation|corporation))\b",
    r"(?:address|domiciled)\b",
]

# Without a comma: an address that runs straight on from the name ("KSM Maju Kecamatan Ratu Samban ...").
# A name may hold such a word only right after these ("Kantor Kecamatan ...", "Pemerintah Desa ...").
ADDRESS_WORDS = r"(?:Kecamatan|Kelurahan|Kec\.|Kel\.|Jalan|Jl\.|Jln\.|Desa)"
ADDRESS_HOLDERS = r"(?:Pemerintah|Kantor|Camat|Lurah|Kepala|Pemerintahan)"
