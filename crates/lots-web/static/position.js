// "Använd min position" on the fault form: shown only where the browser can tell the
// position; it fills the coordinates the form takes anyway, so the form works without it.
(function () {
  var button = document.getElementById('use-position');
  if (!button || !navigator.geolocation) return;
  var status = document.getElementById('position-status');
  button.hidden = false;
  button.addEventListener('click', function () {
    status.textContent = button.dataset.finding;
    navigator.geolocation.getCurrentPosition(function (p) {
      document.getElementById('lat').value = p.coords.latitude.toFixed(6);
      document.getElementById('long').value = p.coords.longitude.toFixed(6);
      button.closest('form').querySelector('details').open = true;
      status.textContent = button.dataset.found;
    }, function () {
      status.textContent = button.dataset.failed;
    }, { enableHighAccuracy: true, timeout: 15000 });
  });
})();
