from rest_framework.pagination import PageNumberPagination


class Seiten(PageNumberPagination):
    """?seite=2&pro_seite=100 (at most 200)."""

    page_size = 50
    page_query_param = "seite"
    page_size_query_param = "pro_seite"
    max_page_size = 200
    invalid_page_message = "Diese Seite gibt es nicht."
