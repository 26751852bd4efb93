"""English WhatsApp system phrasings (Android and iOS), as data. Placeholders: see vocab_fr."""

EVENTS: list[tuple[str, str, dict]] = [
    ("encryption_notice", "Messages and calls are end-to-end encrypted{REST}", {}),
    (
        "encryption_notice",
        "Messages (?:you send )?to this (?:group|chat) are now secured with end-to-end encryption{REST}",
        {},
    ),
    ("created", "{A} created group {QN}", {}),
    ("created", "{A} created (?:this|the) group{REST}", {}),
    ("added", "You were added{REST}", {"targets": "You"}),
    ("added", "{A} added you to a group in the community{REST}", {"targets": "You"}),
    ("added", "{A} added {T}", {}),
    ("removed", "You were removed{REST}", {"targets": "You"}),
    ("removed", "{A} removed {T}", {}),
    ("left", "{A} left", {}),
    ("left", "{A} left the group", {}),
    ("joined_by_link", "{A} joined using (?:this group's|an) invite link", {}),
    ("joined", "{A} joined from the community{REST}", {}),
    ("joined", "{A} joined", {}),
    ("subject_changed", "{A} changed the (?:subject|group name) from {QO} to {QN}", {}),
    ("subject_changed", "{A} changed the (?:subject|group name) to {QN}", {}),
    ("icon_removed", "{A} (?:deleted|removed) this group's icon", {}),
    ("icon_changed", "{A} changed (?:this group's|the group) icon", {}),
    ("description_changed", "{A} deleted the group description{REST}", {"removed": True}),
    ("description_changed", "{A} changed the group description{REST}", {}),
    ("admin_granted", "You're now an admin{REST}", {"targets": "You"}),
    ("admin_granted", "You are now an admin{REST}", {"targets": "You"}),
    ("admin_revoked", "You're no longer an admin{REST}", {"targets": "You"}),
    ("admin_revoked", "You are no longer an admin{REST}", {"targets": "You"}),
    ("admin_granted", "{T} is now an admin{REST}", {}),
    ("admin_revoked", "{T} is no longer an admin{REST}", {}),
    ("settings_changed", "{A} changed (?:this group's|the group) settings{REST}", {}),
    ("settings_changed", "{A} turned (?:on|off) admin approval{REST}", {}),
    ("disappearing_on", "{A} turned on disappearing messages{REST}", {}),
    ("disappearing_off", "{A} turned off disappearing messages{REST}", {}),
    ("disappearing_changed", "{A} (?:updated|changed) the message timer{REST}", {}),
    ("security_code_changed", "Your security code with {T} changed{REST}", {}),
    ("number_changed", "{A} changed their phone number{REST}", {}),
    ("number_changed", "{A} changed to {T}", {}),
    ("call", "Missed (?:group )?(?:voice|video) call{REST}", {"missed": True}),
    ("pinned", "{A} pinned a message{REST}", {}),
]

DELETED = [
    "This message was deleted",
    "This message was deleted.",
    "You deleted this message",
    "You deleted this message.",
]
DELETED_BY_ADMIN = ["This message was deleted by an admin", "This message was deleted by an admin."]
MEDIA_OMITTED = [
    "<Media omitted>",
    "<media omitted>",
    "image omitted",
    "video omitted",
    "audio omitted",
    "sticker omitted",
    "GIF omitted",
    "document omitted",
    "Contact card omitted",
    "<Video note omitted>",
]
EDITED = ["<This message was edited>"]
ATTACHED = ["file attached"]
ATTACHED_TAG = ["attached"]
LOCATION = ["location", "Location", "live location shared"]
YOU = "You"
