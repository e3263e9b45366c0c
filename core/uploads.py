"""Uploads that cannot cost more than they may: a file beyond IMPORT_MAX_BYTES is counted to
its end but not kept (neither in memory nor on disk), and reaches the form as an empty file
that reports its true size, so the form refuses it with a German message."""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler


class GroessenbegrenzterUpload(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: passes each chunk on to Django's handlers until the file
    passes the limit, then swallows the rest."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.empfangen = 0
        self.zu_gross = False

    def receive_data_chunk(self, raw_data, start):
        self.empfangen += len(raw_data)
        if self.empfangen > settings.IMPORT_MAX_BYTES:
            self.zu_gross = True
            return None  # nothing more for the handlers after this one
        return raw_data

    def file_complete(self, file_size):
        if not self.zu_gross:
            return None  # Django's handlers built the file
        leer = SimpleUploadedFile(self.file_name, b"", content_type=self.content_type)
        leer.size = file_size
        return leer
