import pytest


@pytest.mark.django_db
def test_home_page_shows_stated_and_computed_totals(client, registry):
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "168" in body and "2,425" in body
    assert "175" in body and "2,538" in body
