"""Translations: Qt .ts sources (hand-written Arabic) compiled to .qm under assets/i18n."""
