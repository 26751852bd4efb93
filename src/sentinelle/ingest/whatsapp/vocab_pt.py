"""Portuguese WhatsApp system phrasings (Brazil and Portugal, Android and iOS), as data.

Placeholders: see vocab_fr. pt-BR writes "Você adicionou Ana" (the actor "Você" is the
exporter); pt-PT often drops the subject ("Adicionou Ana", "Apagou esta mensagem."): those
rules carry {"actor": "Você"}. Gendered endings (adicionado/adicionada/adicionado(a)) all match.
"""

_O = "(?:o|a|o\\(a\\)|\\(a\\))?"
_CHANGE = "(?:mudou|alterou)"
_ICON = "(?:a imagem|o ícone|a foto)"
_TEMP = "as mensagens temporárias"
_ADMIN = "(?:um |uma )?(?:admin|administrador|administradora)(?: do grupo)?"
_ME = {"actor": "Você"}

EVENTS: list[tuple[str, str, dict]] = [
    (
        "encryption_notice",
        "As mensagens e (?:as )?chamadas são (?:encriptadas ponto a ponto|protegidas com a criptografia de ponta "
        "a ponta){REST}",
        {},
    ),
    (
        "encryption_notice",
        "As mensagens (?:que você envia para|enviadas para|que envia para) este grupo (?:agora )?(?:estão|são) "
        "protegidas com (?:a )?(?:criptografia|encriptação) de ponta(?:-| )a(?:-| )ponta{REST}",
        {},
    ),
    ("created", "{A} criou o grupo {QN}", {}),
    ("created", "Criou o grupo {QN}", _ME),
    ("created", "{A} criou este grupo", {}),
    ("created", "Criou este grupo", _ME),
    ("subject_changed", "{A} " + _CHANGE + " o (?:assunto|nome do grupo) de {QO} para {QN}", {}),
    ("subject_changed", "{A} " + _CHANGE + " o (?:assunto|nome do grupo) para {QN}", {}),
    ("subject_changed", "(?:Mudou|Alterou) o (?:assunto|nome do grupo) de {QO} para {QN}", _ME),
    ("subject_changed", "(?:Mudou|Alterou) o (?:assunto|nome do grupo) para {QN}", _ME),
    ("icon_removed", "{A} (?:apagou|removeu|eliminou) " + _ICON + " (?:deste|do) grupo", {}),
    ("icon_removed", "(?:Apagou|Removeu|Eliminou) " + _ICON + " (?:deste|do) grupo", _ME),
    ("icon_changed", "{A} " + _CHANGE + " " + _ICON + " (?:deste|do) grupo", {}),
    ("icon_changed", "(?:Mudou|Alterou) " + _ICON + " (?:deste|do) grupo", _ME),
    ("description_changed", "{A} (?:apagou|removeu|eliminou) a descrição do grupo{REST}", {"removed": True}),
    ("description_changed", "{A} " + _CHANGE + " a descrição do grupo{REST}", {}),
    ("description_changed", "(?:Mudou|Alterou) a descrição do grupo{REST}", _ME),
    ("added", "{A} adicionou você", {"targets": "Você"}),
    ("added", "{A} adicionou-(?:o|a|vos)", {"targets": "Você"}),
    ("added", "(?:Você foi|Foi) adicionad" + _O + "{TAIL}", {"targets": "Você"}),
    ("added", "{A} adicionou {T}", {}),
    ("added", "Adicionou {T}", _ME),
    ("removed", "{A} removeu você", {"targets": "Você"}),
    ("removed", "{A} removeu-(?:o|a)", {"targets": "Você"}),
    ("removed", "(?:Você foi|Foi) removid" + _O + "{TAIL}", {"targets": "Você"}),
    ("removed", "{A} removeu {T}", {}),
    ("removed", "Removeu {T}", _ME),
    ("left", "{A} saiu(?: do grupo)?", {}),
    ("left", "Saiu do grupo", _ME),
    (
        "joined_by_link",
        "{A} (?:entrou|aderiu|juntou-se)(?: ao grupo)? (?:usando|através d[oa]|via|com|pel[oa]) (?:o |a )?"
        "(?:link|ligação) (?:de convite|do convite){REST}",
        {},
    ),
    (
        "joined_by_link",
        "(?:Entrou|Aderiu|Juntou-se)(?: ao grupo)? (?:usando|através d[oa]|via|com|pel[oa]) (?:o |a )?"
        "(?:link|ligação) (?:de convite|do convite){REST}",
        _ME,
    ),
    ("joined", "{A} (?:entrou|aderiu)(?: no grupo| ao grupo)?", {}),
    (
        "admin_granted",
        "(?:Agora você é|Você agora é|Você é agora|Agora é|É agora) " + _ADMIN + "{TAIL}",
        {"targets": "Você"},
    ),
    (
        "admin_revoked",
        "(?:Você não é mais|Você já não é|Já não é|Deixou de ser) " + _ADMIN + "{TAIL}",
        {"targets": "Você"},
    ),
    ("admin_granted", "{T} (?:agora é|é agora) " + _ADMIN + "{TAIL}", {}),
    ("admin_revoked", "{T} (?:não é mais|já não é|deixou de ser) " + _ADMIN + "{TAIL}", {}),
    (
        "settings_changed",
        "{A} " + _CHANGE + " (?:as configurações|as definições|os ajustes) (?:deste|do) grupo{REST}",
        {},
    ),
    (
        "settings_changed",
        "(?:Mudou|Alterou) (?:as configurações|as definições) (?:deste|do) grupo{REST}",
        _ME,
    ),
    ("disappearing_on", "{A} (?:ativou|activou) " + _TEMP + "{REST}", {}),
    ("disappearing_on", "(?:Ativou|Activou) " + _TEMP + "{REST}", _ME),
    ("disappearing_off", "{A} (?:desativou|desactivou) " + _TEMP + "{REST}", {}),
    ("disappearing_off", "(?:Desativou|Desactivou) " + _TEMP + "{REST}", _ME),
    (
        "disappearing_changed",
        "{A} (?:atualizou|actualizou|alterou|mudou) (?:a duração|o temporizador) d"
        + "(?:as|e) mensagens{REST}",
        {},
    ),
    ("security_code_changed", "(?:O seu|Seu) código de segurança (?:partilhado )?com {T} mudou{TAIL}", {}),
    ("number_changed", "{A} mudou (?:o seu|seu) número de telefone{REST}", {}),
    ("number_changed", "{A} alterou o (?:seu )?número de telefone{REST}", {}),
    ("number_changed", "{A} mudou para {T}", {}),
    ("call", "Chamada de (?:voz|vídeo) (?:em grupo )?perdida{TAIL}", {"missed": True}),
    ("call", "Videochamada (?:em grupo )?perdida{TAIL}", {"missed": True}),
    ("pinned", "{A} fixou uma mensagem{REST}", {}),
]

DELETED = [
    "Mensagem apagada",
    "Esta mensagem foi apagada",
    "Esta mensagem foi apagada.",
    "Você apagou esta mensagem",
    "Você apagou esta mensagem.",
    "Apagou esta mensagem.",
    "Apagou esta mensagem",
    "Esta mensagem foi eliminada.",
    "Eliminou esta mensagem.",
]
DELETED_BY_ADMIN = [
    "Esta mensagem foi apagada por um admin.",
    "Esta mensagem foi apagada por um admin",
    "Esta mensagem foi apagada por um administrador.",
]
MEDIA_OMITTED = [
    "<Mídia oculta>",
    "<Arquivo de mídia oculto>",
    "<Ficheiro não revelado>",
    "<Multimédia omitida>",
    "imagem não revelada",
    "vídeo não revelado",
    "ficheiro de áudio não revelado",
    "Contacto não revelado",
    "sticker não revelado",
    "documento não revelado",
    "GIF não revelada",
    "imagem ocultada",
    "vídeo omitido",
    "áudio ocultado",
    "figurinha omitida",
    "Cartão do contato omitido",
    "documento omitido",
    "GIF omitido",
]
EDITED = ["<Mensagem editada>", "<Esta mensagem foi editada>"]
ATTACHED = ["arquivo anexado", "ficheiro anexado"]
ATTACHED_TAG = ["anexado", "anexo"]
LOCATION = ["Localização", "localização"]
LIVE_LOCATION = ["localização atual compartilhada", "localização em tempo real partilhada"]
YOU = "Você"
