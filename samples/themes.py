"""Pools of agreement subjects: title topics, scope items and duties, in Indonesian and English."""

from __future__ import annotations

from dataclasses import dataclass

Pair = tuple[str, str]


@dataclass(frozen=True)
class Theme:
    """A subject of cooperation: who typically signs it and what it covers."""

    topic: Pair
    first_kinds: tuple[str, ...]
    other_kinds: tuple[str, ...]
    scope: tuple[Pair, ...]
    duties: tuple[Pair, ...]


JOINT_DUTIES: tuple[Pair, ...] = (
    (
        "menyusun program kegiatan secara terpadu sesuai dengan tugas dan fungsi masing-masing",
        "jointly prepare an integrated programme of activities in line with their respective duties",
    ),
    (
        "menunjuk pejabat penghubung untuk mengoordinasikan pelaksanaan {doc} ini",
        "appoint a liaison officer to coordinate the implementation of this {doc}",
    ),
    (
        "menjaga kerahasiaan data dan informasi yang diperoleh dalam pelaksanaan kerja sama",
        "keep confidential the data and information obtained in the course of the cooperation",
    ),
    (
        "melakukan monitoring dan evaluasi pelaksanaan kerja sama paling sedikit 1 (satu) kali dalam setahun",
        "monitor and evaluate the implementation of the cooperation at least once a year",
    ),
    (
        "menyampaikan laporan pelaksanaan kegiatan kepada pimpinan masing-masing",
        "report on the activities carried out to their respective leadership",
    ),
)

GENERIC_DUTIES: tuple[Pair, ...] = (
    (
        "menyediakan narasumber sesuai dengan kebutuhan kegiatan",
        "provide resource persons as activities require",
    ),
    (
        "menyediakan sarana dan prasarana yang diperlukan",
        "provide the facilities and infrastructure required",
    ),
    (
        "memfasilitasi koordinasi dengan instansi terkait di daerah",
        "facilitate coordination with relevant local agencies",
    ),
    (
        "menyebarluaskan informasi kegiatan kerja sama kepada masyarakat",
        "disseminate information on the cooperation activities to the public",
    ),
    (
        "menyediakan data dan informasi yang diperlukan sesuai dengan ketentuan peraturan perundang-undangan",
        "provide the data and information required in accordance with the laws and regulations",
    ),
)

THEMES: tuple[Theme, ...] = (
    Theme(
        (
            "PENDIDIKAN, PENELITIAN, DAN PENGABDIAN KEPADA MASYARAKAT",
            "EDUCATION, RESEARCH AND COMMUNITY SERVICE",
        ),
        ("university",),
        ("kanwil", "bphn", "pemda", "persero", "foreign_uni", "sekjen"),
        (
            ("pendidikan dan pelatihan", "education and training"),
            ("penelitian dan pengkajian bersama", "joint research and studies"),
            ("pengabdian kepada masyarakat", "community service"),
            ("program magang mahasiswa", "student internship programmes"),
            ("pertukaran tenaga ahli dan narasumber", "exchange of experts and resource persons"),
            ("publikasi ilmiah bersama", "joint scientific publications"),
            ("pemanfaatan sarana dan prasarana", "use of facilities and infrastructure"),
        ),
        (
            (
                "menyediakan dosen dan peneliti sebagai narasumber",
                "provide lecturers and researchers as resource persons",
            ),
            (
                "menerima mahasiswa untuk melaksanakan program magang",
                "host students for internship programmes",
            ),
            ("memberikan akses terhadap data penelitian", "give access to research data"),
            ("menyelenggarakan seminar dan lokakarya bersama", "hold joint seminars and workshops"),
        ),
    ),
    Theme(
        ("PENYULUHAN HUKUM DAN BANTUAN HUKUM", "LEGAL COUNSELLING AND LEGAL AID"),
        ("bphn", "kanwil"),
        ("university", "pemda", "police"),
        (
            ("penyuluhan hukum kepada masyarakat", "legal counselling for the public"),
            ("pemberian bantuan hukum bagi masyarakat miskin", "legal aid for the poor"),
            ("pembentukan dan pembinaan desa/kelurahan sadar hukum", "establishing law-aware villages"),
            (
                "peningkatan kapasitas penyuluh hukum dan paralegal",
                "capacity building for legal counsellors and paralegals",
            ),
            (
                "pendokumentasian dan penyebarluasan informasi hukum",
                "documentation and dissemination of legal information",
            ),
        ),
        (
            ("menyediakan penyuluh hukum", "provide legal counsellors"),
            (
                "mengalokasikan anggaran bantuan hukum sesuai kemampuan keuangan daerah",
                "allocate a legal aid budget within the regional budget",
            ),
            (
                "menyiapkan lokasi dan peserta kegiatan penyuluhan",
                "prepare venues and participants for counselling",
            ),
        ),
    ),
    Theme(
        ("PELAYANAN DAN PENGAWASAN KEIMIGRASIAN", "IMMIGRATION SERVICES AND SUPERVISION"),
        ("imigrasi", "kanwil"),
        ("pemda", "police", "persero", "university"),
        (
            ("pelayanan paspor di luar kantor imigrasi", "passport services outside immigration offices"),
            ("pengawasan orang asing", "supervision of foreign nationals"),
            ("pertukaran data dan informasi keimigrasian", "exchange of immigration data and information"),
            ("pencegahan tindak pidana perdagangan orang", "prevention of human trafficking"),
            ("sosialisasi peraturan keimigrasian", "dissemination of immigration regulations"),
        ),
        (
            ("menyediakan petugas pelayanan keimigrasian", "provide immigration service officers"),
            ("menyediakan tempat pelayanan yang layak", "provide a suitable service venue"),
            ("menyampaikan data orang asing secara berkala", "report data on foreign nationals periodically"),
        ),
    ),
    Theme(
        ("PEMBINAAN DAN PEMBIMBINGAN WARGA BINAAN PEMASYARAKATAN", "GUIDANCE AND REHABILITATION OF INMATES"),
        ("pas", "kanwil"),
        ("pemda", "persero", "university", "police"),
        (
            ("pelatihan keterampilan kerja bagi narapidana", "vocational training for inmates"),
            ("pembinaan kepribadian dan kemandirian", "personality and self-reliance development"),
            ("pelayanan kesehatan di lembaga pemasyarakatan", "health services in correctional institutions"),
            ("penyaluran tenaga kerja bagi klien pemasyarakatan", "job placement for parolees"),
            ("pemasaran produk hasil karya warga binaan", "marketing of goods made by inmates"),
        ),
        (
            ("menyediakan instruktur pelatihan", "provide training instructors"),
            ("memfasilitasi sertifikasi keterampilan", "facilitate skills certification"),
            ("menyiapkan peserta pelatihan dari warga binaan", "select trainees among inmates"),
        ),
    ),
    Theme(
        ("PELINDUNGAN DAN PEMANFAATAN KEKAYAAN INTELEKTUAL", "PROTECTION AND USE OF INTELLECTUAL PROPERTY"),
        ("kanwil", "sekjen"),
        ("university", "pemda", "persero"),
        (
            ("sosialisasi kekayaan intelektual", "dissemination of intellectual property"),
            (
                "fasilitasi pendaftaran kekayaan intelektual komunal",
                "facilitating registration of communal intellectual property",
            ),
            (
                "pendampingan permohonan merek dan hak cipta",
                "assistance with trademark and copyright applications",
            ),
            ("inventarisasi indikasi geografis", "inventory of geographical indications"),
        ),
        (
            (
                "menyediakan tenaga konsultan kekayaan intelektual",
                "provide intellectual property consultants",
            ),
            (
                "menginventarisasi potensi kekayaan intelektual daerah",
                "take stock of regional intellectual property",
            ),
            (
                "mendorong pelaku usaha mendaftarkan mereknya",
                "encourage businesses to register their trademarks",
            ),
        ),
    ),
    Theme(
        ("HARMONISASI RANCANGAN PRODUK HUKUM DAERAH", "HARMONISATION OF DRAFT REGIONAL LEGISLATION"),
        ("kanwil", "bphn"),
        ("pemda",),
        (
            ("harmonisasi rancangan peraturan daerah", "harmonisation of draft regional regulations"),
            (
                "peningkatan kapasitas perancang peraturan perundang-undangan",
                "capacity building for legislative drafters",
            ),
            ("analisis dan evaluasi produk hukum daerah", "analysis and evaluation of regional legislation"),
            (
                "pengelolaan jaringan dokumentasi dan informasi hukum",
                "managing the legal documentation network",
            ),
        ),
        (
            ("menugaskan perancang peraturan perundang-undangan", "assign legislative drafters"),
            (
                "menyampaikan program pembentukan peraturan daerah",
                "submit the regional legislation programme",
            ),
            ("menyediakan dokumen rancangan produk hukum daerah", "provide draft regional legal instruments"),
        ),
    ),
    Theme(
        ("PENEGAKAN HUKUM DAN PERTUKARAN DATA", "LAW ENFORCEMENT AND DATA EXCHANGE"),
        ("police",),
        ("kanwil", "imigrasi", "pas"),
        (
            ("pertukaran data dan informasi", "exchange of data and information"),
            ("pengamanan dan penegakan hukum", "security and law enforcement"),
            ("pendidikan dan pelatihan bersama", "joint education and training"),
            ("pemanfaatan sarana dan prasarana", "use of facilities and infrastructure"),
        ),
        (
            ("memberikan bantuan pengamanan", "provide security assistance"),
            (
                "menyediakan akses data kependudukan dan keimigrasian",
                "provide access to population and immigration data",
            ),
            (
                "melaksanakan patroli bersama di wilayah hukum masing-masing",
                "carry out joint patrols in their jurisdictions",
            ),
        ),
    ),
)

TRAP_TOPIC: Pair = ("RENCANA KERJA SAMA", "PLANNED COOPERATION")
