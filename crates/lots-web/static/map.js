// The fault form's map, where the installation has a tile server: a click (or "mark the
// map's centre", after moving it with the buttons) fills the coordinates the form takes
// anyway, so the form works without it. Tiles in the usual {z}/{x}/{y} Web Mercator
// scheme; nothing but the tiles is loaded from the tile server.
(function () {
  var map = document.getElementById('map');
  if (!map) return;
  var field = document.getElementById('map-field');
  var status = document.getElementById('map-status');
  var TILE = 256, HEIGHT = 300;
  var zoom = parseInt(map.dataset.zoom, 10);
  // The centre in world pixels at the current zoom.
  var cx, cy, marker = null;
  function world(lat, lon, z) {
    var n = TILE * Math.pow(2, z), r = lat * Math.PI / 180;
    return [(lon + 180) / 360 * n, (1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n];
  }
  function place(x, y, z) {
    var n = TILE * Math.pow(2, z);
    var lat = Math.atan(Math.sinh(Math.PI * (1 - 2 * y / n))) * 180 / Math.PI;
    return [lat, x / n * 360 - 180];
  }
  var start = world(parseFloat(map.dataset.lat), parseFloat(map.dataset.lon), zoom);
  cx = start[0]; cy = start[1];
  function draw() {
    var w = map.clientWidth, n = Math.pow(2, zoom);
    map.textContent = '';
    var left = cx - w / 2, top = cy - HEIGHT / 2;
    for (var tx = Math.floor(left / TILE); tx * TILE < left + w; tx++) {
      for (var ty = Math.floor(top / TILE); ty * TILE < top + HEIGHT; ty++) {
        if (ty < 0 || ty >= n) continue;
        var img = document.createElement('img');
        img.alt = '';
        img.src = map.dataset.tiles.replace('{z}', zoom)
          .replace('{x}', ((tx % n) + n) % n).replace('{y}', ty);
        img.style.left = (tx * TILE - left) + 'px';
        img.style.top = (ty * TILE - top) + 'px';
        map.appendChild(img);
      }
    }
    if (marker) {
      var m = world(marker[0], marker[1], zoom), dot = document.createElement('span');
      dot.className = 'map-marker';
      dot.style.left = (m[0] - left) + 'px';
      dot.style.top = (m[1] - top) + 'px';
      map.appendChild(dot);
    }
  }
  function mark(x, y) {
    marker = place(x, y, zoom);
    document.getElementById('lat').value = marker[0].toFixed(6);
    document.getElementById('long').value = marker[1].toFixed(6);
    field.closest('form').querySelector('details').open = true;
    status.textContent = status.dataset.marked;
    draw();
  }
  map.addEventListener('click', function (e) {
    var box = map.getBoundingClientRect();
    mark(cx - map.clientWidth / 2 + e.clientX - box.left, cy - HEIGHT / 2 + e.clientY - box.top);
  });
  var moves = { north: [0, -100], south: [0, 100], west: [-100, 0], east: [100, 0] };
  field.querySelectorAll('[data-map]').forEach(function (button) {
    button.addEventListener('click', function () {
      var what = button.dataset.map;
      if (what === 'centre') return mark(cx, cy);
      if (moves[what]) { cx += moves[what][0]; cy += moves[what][1]; }
      var z = what === 'in' ? Math.min(zoom + 1, 19) : what === 'out' ? Math.max(zoom - 1, 3) : zoom;
      if (z !== zoom) { var k = Math.pow(2, z - zoom); cx *= k; cy *= k; zoom = z; }
      draw();
    });
  });
  field.hidden = false;
  window.addEventListener('resize', draw);
  draw();
})();
