// Dashboard charts (Chart.js) and map (Leaflet with an offline outline of Azerbaijan, no tile server).
// Data comes from the page's json_script block; every chart has a table view in the page itself.
(function () {
  var dataNode = document.getElementById("dashboard-data");
  if (!dataNode) { return; }
  var data = JSON.parse(dataNode.textContent);

  function bar(canvasId, rows, stacked) {
    var canvas = document.getElementById(canvasId);
    if (!canvas || typeof Chart === "undefined") { return; }
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: rows.map(function (r) { return r.label; }),
        datasets: [
          { label: canvas.dataset.women || "Women", data: rows.map(function (r) { return r.women; }), backgroundColor: "#b8336a" },
          { label: canvas.dataset.men || "Men", data: rows.map(function (r) { return r.men; }), backgroundColor: "#1f5f8b" }
        ]
      },
      options: { animation: false, responsive: true, scales: { x: { stacked: stacked }, y: { stacked: stacked, beginAtZero: true } } }
    });
  }
  bar("chart-months", data.months, true);
  bar("chart-units", data.units, true);

  var mapNode = document.getElementById("activity-map");
  if (mapNode && typeof L !== "undefined") {
    var map = L.map(mapNode, { attributionControl: false, zoomControl: true, scrollWheelZoom: false }).setView([40.3, 47.7], 7);
    fetch(mapNode.dataset.outline).then(function (r) { return r.json(); }).then(function (outline) {
      var layer = L.geoJSON(outline, { style: { color: "#1f5f8b", weight: 1, fillColor: "#dbe7f0", fillOpacity: 0.8 } }).addTo(map);
      map.fitBounds(layer.getBounds());
    });
    var max = Math.max.apply(null, data.places.map(function (p) { return p.activities; }).concat([1]));
    data.places.forEach(function (place) {
      L.circleMarker([place.lat, place.lon], { radius: 4 + 16 * Math.sqrt(place.activities / max), color: "#b8336a", fillOpacity: 0.6 })
        .bindTooltip(window.portalTextNode(place.name + ": " + place.activities)).addTo(map);
    });
  }
})();
