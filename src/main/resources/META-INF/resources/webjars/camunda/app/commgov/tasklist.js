// Tasklist lists tasks by due date (earliest first) unless the person picked another order.
define('commgov-tasklist', ['angular'], function (angular) {
  'use strict';
  var BY_DUE_DATE = JSON.stringify([{sortBy: 'dueDate', sortOrder: 'asc'}]);

  return angular.module('commgov.tasklist', []).run(['$rootScope', '$location', function ($rootScope, $location) {
    $rootScope.$on('$locationChangeSuccess', function () {
      if ($location.path() === '/' && !$location.search().sorting) {
        $location.search('sorting', BY_DUE_DATE).replace();
      }
    });
  }]);
});
